// Recognises `console.<method>(...)` calls and how they put values into the message, from syntax
// alone (a local variable named `console` is not told apart: the check has no type checker).
import { ts } from 'ts-morph';

// Read once: ts-morph's `ts.X` are getters (see scan-file.ts).
const {
  isPropertyAccessExpression,
  isIdentifier,
  isTemplateExpression,
  isSpreadElement,
  isBinaryExpression,
  isNumericLiteral,
  isStringLiteral,
  isNoSubstitutionTemplateLiteral,
  isParenthesizedExpression,
} = ts;
const PLUS = ts.SyntaxKind.PlusToken;

export const CONSOLE_METHODS: ReadonlySet<string> = new Set(['log', 'info', 'debug', 'warn', 'error', 'trace']);

export type Interpolation = 'template literal' | 'string concatenation' | 'format specifiers' | 'extra arguments';

export interface ConsoleCall {
  method: string;
  /** How the call interpolates values, or null for a constant message. */
  interpolation: Interpolation | null;
}

const FORMAT_SPECIFIER = /%[sdifjoOc]/;

export function describeConsoleCall(call: ts.CallExpression): ConsoleCall | null {
  const callee = call.expression;
  if (!isPropertyAccessExpression(callee)) return null;
  if (!isIdentifier(callee.expression) || callee.expression.text !== 'console') return null;
  const method = callee.name.text;
  if (!CONSOLE_METHODS.has(method)) return null;
  return { method, interpolation: interpolationOf(call.arguments) };
}

function interpolationOf(args: ts.NodeArray<ts.Expression>): Interpolation | null {
  const unwrapped = args.map(skipParentheses);
  if (unwrapped.some(isTemplateExpression)) return 'template literal';
  if (unwrapped.some(isConcatenationWithValue)) return 'string concatenation';
  const first = unwrapped[0];
  if (args.length > 1 && first !== undefined && isStringLike(first) && FORMAT_SPECIFIER.test(first.text)) {
    return 'format specifiers';
  }
  if (args.length > 1 || unwrapped.some(isSpreadElement)) return 'extra arguments';
  return null;
}

function isConcatenationWithValue(node: ts.Expression): boolean {
  if (!isBinaryExpression(node) || node.operatorToken.kind !== PLUS) return false;
  return !isConstantSum(node);
}

/** `'a' + 'b'` or `'a' + 1`: a `+` chain of literals only. */
function isConstantSum(node: ts.Expression): boolean {
  const inner = skipParentheses(node);
  if (isBinaryExpression(inner) && inner.operatorToken.kind === PLUS) {
    return isConstantSum(inner.left) && isConstantSum(inner.right);
  }
  return isStringLike(inner) || isNumericLiteral(inner);
}

function isStringLike(node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  return isStringLiteral(node) || isNoSubstitutionTemplateLiteral(node);
}

function skipParentheses(node: ts.Expression): ts.Expression {
  let current = node;
  while (isParenthesizedExpression(current)) current = current.expression;
  return current;
}
