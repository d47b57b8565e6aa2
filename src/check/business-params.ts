// `--check` has no type checker, but it can still see the plainest business keys: a parameter
// used as a map/cache/lock/database key or compared with data is what the migration keeps, so the
// gate does not ask anyone to "read it from the trace context". The scan parses without parent
// pointers (for speed), so ancestors come from the walk itself.
import { ts } from 'ts-morph';
import { DATABASE_CALLEE, KEY_CALLEE, KEY_METHODS_FIRST_ARG } from '../analyze/key-uses.js';

/** How a parameter named `name` is used as a business key inside `body`, if it is. */
export function businessKeyUse(name: string, body: ts.Node, sourceFile: ts.SourceFile): string | undefined {
  // Most parameters are only logged and passed on: a text test skips their walk (the gate must stay fast).
  if (!mayBeKeyUse(name, sourceFile.text.slice(body.pos, body.end))) return undefined;
  const ancestors: ts.Node[] = [];
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node.text === name) {
      found = keyUseOf(node, ancestors, sourceFile);
      return;
    }
    ancestors.push(node);
    ts.forEachChild(node, visit);
    ancestors.pop();
  };
  visit(body);
  return found;
}

const KEY_CALL_NAMES = `${[...KEY_METHODS_FIRST_ARG].join('|')}|\\w*(?:lock|lease|mutex|semaphore|cache|idempot|dedup)\\w*|${DATABASE_CALLEE.source.slice(2, -2)}`;

/** A cheap superset of `keyUseOf`: the name inside `[…]`, beside `===`/`!==`, as a key-call argument, stored on `this`. */
function mayBeKeyUse(name: string, text: string): boolean {
  if (!text.includes(name)) return false;
  const id = name.replace(/[$]/g, '\\$');
  return new RegExp(
    `\\[\\s*${id}\\b|\\b${id}\\s*[!=]==|[!=]==\\s*${id}\\b|\\b(?:${KEY_CALL_NAMES})\\s*\\([^;]*\\b${id}\\b|this\\.[\\w$]+\\s*=\\s*${id}\\b`,
    'i',
  ).test(text);
}

function keyUseOf(reference: ts.Identifier, ancestors: readonly ts.Node[], sourceFile: ts.SourceFile): string | undefined {
  let node: ts.Node = reference;
  let i = ancestors.length - 1;
  while (i >= 0 && (ts.isParenthesizedExpression(ancestors[i]!) || ts.isAsExpression(ancestors[i]!) || ts.isNonNullExpression(ancestors[i]!))) node = ancestors[i--]!;
  const parent = ancestors[i];
  if (!parent) return undefined;
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) return 'used as a key';
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    const other = parent.left === node ? parent.right : parent.left;
    const trivial = other.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(other) && other.text === 'undefined') || ts.isTypeOfExpression(other) || (ts.isStringLiteral(other) && other.text === '');
    if ((op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken) && !trivial) return 'compared with data';
    if (op === ts.SyntaxKind.EqualsToken && parent.right === node && parent.left.getText(sourceFile).startsWith('this.')) return 'stored on this';
  }
  if (ts.isCallExpression(parent) && parent.arguments.some((a) => a === node)) {
    const callee = parent.expression;
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    if (KEY_CALLEE.test(method)) return `used as a key in \`${method}(…)\``;
    if (ts.isPropertyAccessExpression(callee) && parent.arguments[0] === node && KEY_METHODS_FIRST_ARG.has(method)) return 'used as a key';
    if (ts.isPropertyAccessExpression(callee) && DATABASE_CALLEE.test(method)) return 'passed to a database call';
  }
  return undefined;
}
