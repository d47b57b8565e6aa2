// --check's view of a console call: whether the migration converts it, and how it puts values into
// its message (for the finding's text). Which calls are console calls and which messages are
// interpolated are decided by the syntax layer and the log core, exactly as the log rule decides.
import { ts } from '../syntax/typescript.js';
import { consoleMethodOf, hasSpreadArgument, isJsonRecordLine } from '../syntax/console-calls.js';
import { messageValues } from '../syntax/log-core/structured-log.js';
import { SOURCE_SHAPE_HOOKS, valueShapeOf } from '../syntax/log-shapes.js';

// Read once: ts-morph's `ts.X` are getters (see scan-file.ts).
const {
  isTemplateExpression,
  isSpreadElement,
  isBinaryExpression,
  isNumericLiteral,
  isStringLiteral,
  isNoSubstitutionTemplateLiteral,
  isParenthesizedExpression,
} = ts;
const PLUS = ts.SyntaxKind.PlusToken;

export type Interpolation = 'template literal' | 'string concatenation' | 'format specifiers' | 'extra arguments' | 'spread arguments';

export interface ConsoleCall {
  method: string;
  /** How the call interpolates values, or null for a constant message. */
  interpolation: Interpolation | null;
}

const FORMAT_SPECIFIER = /%[sdifjoOc]/;

/** A console call the log rule would convert (or report, with spread arguments); null for anything else. */
export function describeConsoleCall(call: ts.CallExpression): ConsoleCall | null {
  const method = consoleMethodOf(call);
  // A JSON record line is already structured: the log rule leaves it alone.
  if (method === undefined || isJsonRecordLine(call)) return null;
  if (hasSpreadArgument(call)) return { method, interpolation: 'spread arguments' };
  const interpolation = interpolationOf(call.arguments);
  // A template with substitutions or a `+` with a value always gives the log core values to take
  // over; only the other shapes need its reading (the common case stays cheap).
  if (interpolation === 'template literal' || interpolation === 'string concatenation') return { method, interpolation };
  const shapes = call.arguments.map((a) => valueShapeOf(a, SOURCE_SHAPE_HOOKS));
  if (messageValues(shapes).length === 0) return { method, interpolation: null };
  return { method, interpolation: interpolation ?? 'extra arguments' };
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
