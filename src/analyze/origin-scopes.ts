// Where an origin local (`const reqId = req.headers['x-request-id'] ?? randomUUID()`) can run
// the rest of its block inside `withTrace`: the statements after it move into an arrow, so
// everything that could change meaning when moved (return/break/continue across the arrow,
// yield, hoisted declarations used earlier) is checked here.
import { ts } from '../syntax/typescript.js';
import { walk } from '../syntax/function-likes.js';

export interface RestScope {
  declaration: ts.VariableDeclaration;
  /** The local that holds the id (the declaration's name, or one name destructured by it). */
  name: ts.Identifier;
  statement: ts.VariableStatement;
  block: ts.Block;
  /** Statements after the declaration, all moved into the arrow. */
  rest: ts.Statement[];
  /** The block is the function body and the rest returns: `return withTrace(…)`. */
  returns: boolean;
  /** The rest awaits: the arrow is async and the call is awaited (or returned). */
  awaits: boolean;
}

export type RestScopeResult = { scope: RestScope } | { refused: string };

export function restScopeOf(declaration: ts.VariableDeclaration, name: ts.Identifier): RestScopeResult {
  const list = declaration.parent;
  const statement = list?.parent;
  if (!ts.isVariableDeclarationList(list) || !statement || !ts.isVariableStatement(statement)) return { refused: 'not a plain variable declaration' };
  const block = statement.parent;
  if (!ts.isBlock(block)) return { refused: 'declared outside a function block' };
  const index = block.statements.indexOf(statement);
  const rest = block.statements.slice(index + 1);
  if (rest.length === 0) return { refused: 'nothing follows the declaration' };
  const file = statement.getSourceFile();
  const lineOf = (pos: number) => file.getLineAndCharacterOfPosition(pos).line;
  if (lineOf(rest[0]!.getStart(file)) === lineOf(statement.end)) return { refused: 'the next statement shares its line' };
  if (lineOf(rest[rest.length - 1]!.end) === lineOf(block.end - 1)) return { refused: 'the block closes on the line of its last statement' };

  const owner = block.parent;
  const isFunctionBody = ts.isFunctionLike(owner) && (owner as ts.FunctionLikeDeclaration).body === block;
  if (isFunctionBody && (owner as ts.FunctionLikeDeclaration).asteriskToken) return { refused: 'inside a generator' };

  const scan = scanRest(rest);
  if (scan.problem) return { refused: scan.problem };
  if (scan.returns && !isFunctionBody) return { refused: 'the statements after it return from a nested block' };
  const hoisted = scan.hoistedNames.filter((name) => block.statements.slice(0, index).some((s) => new RegExp(`\\b${name}\\b`).test(s.getText(file))));
  if (hoisted.length > 0) return { refused: `\`${hoisted[0]}\` is declared after it but used before` };
  if (!isFunctionBody && scan.hoistedVar) return { refused: 'a `var` after it would change scope' };
  return { scope: { declaration, name, statement, block, rest, returns: scan.returns, awaits: scan.awaits } };
}

interface RestScan {
  returns: boolean;
  awaits: boolean;
  hoistedNames: string[];
  hoistedVar: boolean;
  problem?: string;
}

function scanRest(rest: readonly ts.Statement[]): RestScan {
  const scan: RestScan = { returns: false, awaits: false, hoistedNames: [], hoistedVar: false };
  for (const statement of rest) {
    if (ts.isFunctionDeclaration(statement) && statement.name) scan.hoistedNames.push(statement.name.text);
  }
  const labels: string[] = [];
  const visit = (node: ts.Node, loopDepth: number, breakDepth: number): void => {
    if (scan.problem) return;
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node)) scan.returns = true;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) scan.awaits = true;
    if (ts.isYieldExpression(node)) scan.problem = 'contains yield';
    if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.BlockScoped) === 0) {
      scan.hoistedVar = true;
      for (const d of node.declarations) if (ts.isIdentifier(d.name)) scan.hoistedNames.push(d.name.text);
    }
    if (ts.isBreakStatement(node) || ts.isContinueStatement(node)) {
      if (node.label) {
        if (!labels.includes(node.label.text)) scan.problem = `\`${node.getText()}\` leaves the moved statements`;
      } else if (ts.isBreakStatement(node) ? breakDepth === 0 : loopDepth === 0) {
        scan.problem = `\`${node.getText()}\` leaves the moved statements`;
      }
    }
    const isLoop = ts.isIterationStatement(node, false);
    const isSwitch = ts.isSwitchStatement(node);
    if (ts.isLabeledStatement(node)) labels.push(node.label.text);
    ts.forEachChild(node, (child) => visit(child, loopDepth + (isLoop ? 1 : 0), breakDepth + (isLoop || isSwitch ? 1 : 0)));
    if (ts.isLabeledStatement(node)) labels.pop();
  };
  for (const statement of rest) visit(statement, 0, 0);
  return scan;
}

/** References to the local named by `declared` inside `nodes` (by symbol). */
export function referencesWithin(checker: ts.TypeChecker, declared: ts.Identifier, nodes: readonly ts.Node[]): ts.Identifier[] {
  const symbol = checker.getSymbolAtLocation(declared);
  const name = declared.text;
  const out: ts.Identifier[] = [];
  for (const root of nodes) {
    walk(root, (node) => {
      if (ts.isIdentifier(node) && node.text === name) {
        const parent = node.parent;
        const s = ts.isShorthandPropertyAssignment(parent) && parent.name === node ? checker.getShorthandAssignmentValueSymbol(parent) : checker.getSymbolAtLocation(node);
        if (s === symbol) out.push(node);
      }
      return true;
    });
  }
  return out;
}
