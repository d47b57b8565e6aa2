// How a trace parameter's value is used inside its function: each reference, found by symbol,
// is classified by the syntax layer (src/syntax/id-uses.ts); this file adds what needs the type
// checker — telling references apart by symbol and following the locals the value lands in.
import { ts } from '../syntax/typescript.js';
import { consoleMethodOf } from '../syntax/console-calls.js';
import { walk } from '../syntax/function-likes.js';
import { classifyIdUse, type IdUse, type IsLogCall } from '../syntax/id-uses.js';

export type { IsLogCall, UseKind } from '../syntax/id-uses.js';

export interface ParamUse extends IdUse {
  /** Set when `reference` names an alias local rather than the parameter itself. */
  alias?: Alias;
  /** Set when `reference` names a local computed from the id (not the id itself). */
  computed?: ComputedLocal;
}

/** `const rid = reqId ?? 'anonymous'`: a local that holds the same id. */
export interface Alias {
  declaration: ts.VariableDeclaration;
  references: ts.Identifier[];
}

/** `const tag = `[${reqId}]``: a local whose value is computed from the id, with its references. */
export interface ComputedLocal {
  declaration: ts.VariableDeclaration & { name: ts.Identifier };
  references: ts.Identifier[];
}

export interface ParamUses {
  uses: ParamUse[];
  aliases: Alias[];
}

/** Uses of the parameter (or destructured binding) named `name` inside `body`. */
export function collectParamUses(checker: ts.TypeChecker, name: ts.Identifier, body: ts.Node, isLogCall: IsLogCall = (call) => !!consoleMethodOf(call)): ParamUses {
  const result: ParamUses = { uses: [], aliases: [] };
  const symbol = checker.getSymbolAtLocation(name);
  if (!symbol) return result;
  followSymbol(checker, isLogCall, symbol, name.text, body, result, 0);
  return result;
}

/** The references to `symbol` in `scope` as uses; those of a local (an alias, or a value computed from the id) say which. */
function followSymbol(
  checker: ts.TypeChecker,
  isLogCall: IsLogCall,
  symbol: ts.Symbol,
  name: string,
  scope: ts.Node,
  result: ParamUses,
  depth: number,
  local?: { alias: Alias } | { computed: ComputedLocal },
): void {
  walk(scope, (node) => {
    if (!ts.isIdentifier(node) || node.text !== name) return true;
    const parent = node.parent;
    if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) && parent.name === node) return true;
    if (ts.isShorthandPropertyAssignment(parent) && parent.name === node) {
      if (checker.getShorthandAssignmentValueSymbol(parent) !== symbol) return true;
    } else if (checker.getSymbolAtLocation(node) !== symbol) {
      return true;
    }
    const use = useOfReference(checker, isLogCall, node, result, depth);
    if (local && 'alias' in local) {
      local.alias.references.push(node);
      result.uses.push({ ...use, alias: local.alias });
    } else if (local) {
      local.computed.references.push(node);
      result.uses.push({ ...use, computed: local.computed });
    } else {
      result.uses.push(use);
    }
    return true;
  });
}

/** The syntax layer's use of one reference, with the local it lands in followed by symbol. */
function useOfReference(checker: ts.TypeChecker, isLogCall: IsLogCall, reference: ts.Identifier, result: ParamUses, depth: number): ParamUse {
  const use = classifyIdUse(reference, isLogCall);
  if (!use.local) return use;
  const { declaration, sameValue } = use.local;
  const localSymbol = checker.getSymbolAtLocation(declaration.name);
  const scope = enclosingScope(declaration);
  if (!localSymbol || !scope || depth > 4) return use;
  const local = declaration.name.text;
  if (sameValue) {
    const alias: Alias = { declaration, references: [] };
    result.aliases.push(alias);
    followSymbol(checker, isLogCall, localSymbol, local, scope, result, depth + 1, { alias });
    return { ...use, detail: `aliased as \`${local}\`` };
  }
  // A value computed from the id, kept in a local: what matters is how the local is used.
  followSymbol(checker, isLogCall, localSymbol, local, scope, result, depth + 1, { computed: { declaration, references: [] } });
  return { ...use, detail: `computed into \`${local}\`` };
}

/**
 * Whether `undefined` in place of `reference` would be a type error (a context read there needs
 * `!` in TS). Asked only for references that will read the context: contextual types are costly.
 */
export function needsDefinedValue(checker: ts.TypeChecker, reference: ts.Expression): boolean {
  let node: ts.Node = reference;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node) return true;
  if (ts.isCallExpression(parent) && parent.expression === node) return true;
  if (ts.isTemplateSpan(parent) || ts.isPrefixUnaryExpression(parent) || ts.isTypeOfExpression(parent)) return false;
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) return false;
    if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) return false;
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) return false;
    if (op === ts.SyntaxKind.PlusToken) return false;
    return true;
  }
  const contextual = ts.isExpression(node) ? checker.getContextualType(node as ts.Expression) : undefined;
  if (!contextual) return false;
  return !acceptsUndefined(contextual);
}

function acceptsUndefined(type: ts.Type): boolean {
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((t) => (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Void | ts.TypeFlags.TypeParameter)) !== 0);
}

function enclosingScope(node: ts.Node): ts.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isBlock(current) || ts.isSourceFile(current) || ts.isModuleBlock(current) || ts.isCaseBlock(current)) return current;
  }
  return undefined;
}
