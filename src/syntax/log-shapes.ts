// TypeScript expressions → the log core's parser-neutral ValueShapes. The analysis uses them to
// learn which expressions a log call's message takes over; the log rule to rewrite the call.
import { ts } from './typescript.js';
import type { ValueShape } from './log-core/value-shape.js';
import { unwrapExpression } from './function-likes.js';

export interface ShapeHooks {
  /** The text of a value in the output (the rule renders earlier edits inside it). */
  code(expr: ts.Expression): string;
  isTraceId(expr: ts.Expression): boolean;
  isError(expr: ts.Expression): boolean;
  /** An earlier edit removes the node (a trace id property trace-params deleted). */
  isDeleted?(node: ts.Node): boolean;
  /** A local whose text the message spells out in its place (a label around the id): its initializer. */
  expansionOf?(name: ts.Identifier): ts.Expression | undefined;
}

/** Plain source text, no id, no Error: enough to know which expressions are values. */
export const SOURCE_SHAPE_HOOKS: ShapeHooks = {
  code: (expr) => expr.getText(),
  isTraceId: () => false,
  isError: () => false,
};

/** `!x`, `-x`, `+x`, `~x` (not `++x`/`--x`): the unary operators the jscodeshift adapter describes too. */
const PREFIX_OPERATORS = new Set([ts.SyntaxKind.ExclamationToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.PlusToken, ts.SyntaxKind.TildeToken]);

export function valueShapeOf(expr: ts.Expression, hooks: ShapeHooks): ValueShape {
  let bare = expr;
  while (ts.isParenthesizedExpression(bare)) bare = bare.expression;
  const e = unwrapExpression(expr);
  const base: ValueShape = { code: hooks.code(bare), kind: 'other', node: e, isError: hooks.isError(expr) || hooks.isError(e), isTraceId: hooks.isTraceId(e) };
  if (bare !== expr) base.parenthesized = true;
  const sub = (x: ts.Expression) => valueShapeOf(x, hooks);
  if (ts.isIdentifier(e)) {
    const expansion = hooks.expansionOf?.(e);
    if (expansion) return { ...valueShapeOf(expansion, hooks), parenthesized: base.parenthesized };
    return { ...base, kind: 'identifier', name: e.text };
  }
  if (e.kind === ts.SyntaxKind.ThisKeyword) return { ...base, kind: 'this' };
  if (ts.isPropertyAccessExpression(e)) return { ...base, kind: 'member', name: e.name.getText(), object: sub(e.expression) };
  if (ts.isElementAccessExpression(e)) {
    const index = unwrapExpression(e.argumentExpression);
    if (ts.isStringLiteral(index) || ts.isNoSubstitutionTemplateLiteral(index) || ts.isNumericLiteral(index)) return { ...base, kind: 'member', name: index.text, object: sub(e.expression) };
    return { ...base, kind: 'element', object: sub(e.expression) };
  }
  if (ts.isCallExpression(e)) return { ...base, kind: 'call', callee: sub(e.expression), args: e.arguments.filter((a) => !ts.isSpreadElement(a)).map(sub) };
  if (ts.isNewExpression(e)) return { ...base, kind: 'new', callee: sub(e.expression), args: (e.arguments ?? []).filter((a) => !ts.isSpreadElement(a)).map(sub) };
  if (ts.isAwaitExpression(e)) return { ...base, kind: 'await', object: sub(e.expression) };
  if (ts.isBinaryExpression(e)) return { ...base, kind: 'binary', operator: e.operatorToken.getText(), left: sub(e.left), right: sub(e.right) };
  if (ts.isPrefixUnaryExpression(e) && PREFIX_OPERATORS.has(e.operator)) return { ...base, kind: 'unary', name: ts.tokenToString(e.operator), object: sub(e.operand) };
  if (ts.isTypeOfExpression(e)) return { ...base, kind: 'unary', name: 'typeof', object: sub(e.expression) };
  if (ts.isStringLiteral(e)) return { ...base, kind: 'string', literal: e.text, quote: e.getText().startsWith('"') ? '"' : "'" };
  if (ts.isNoSubstitutionTemplateLiteral(e)) return { ...base, kind: 'string', literal: e.text, quote: '`' };
  if (ts.isNumericLiteral(e)) return { ...base, kind: 'number', literal: String(Number(e.text.replace(/_/g, ''))) };
  if (ts.isTemplateExpression(e)) {
    return { ...base, kind: 'template', quasis: [e.head.text, ...e.templateSpans.map((s) => s.literal.text)], expressions: e.templateSpans.map((s) => sub(s.expression)) };
  }
  if (ts.isObjectLiteralExpression(e)) {
    const properties = plainProperties(e, hooks);
    return properties ? { ...base, kind: 'object', properties } : { ...base, kind: 'object' };
  }
  if (ts.isArrayLiteralExpression(e)) return { ...base, kind: 'array' };
  return base;
}

/** `{ a, b: x, 'c-d': y }`: each property's key and value; undefined when one is anything else. */
function plainProperties(object: ts.ObjectLiteralExpression, hooks: ShapeHooks): ValueShape['properties'] {
  const properties: NonNullable<ValueShape['properties']> = [];
  for (const property of object.properties) {
    if (hooks.isDeleted?.(property)) continue;
    if (ts.isShorthandPropertyAssignment(property) && !property.objectAssignmentInitializer) {
      properties.push({ key: property.name.text, value: valueShapeOf(property.name, hooks) });
    } else if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
      properties.push({ key: property.name.text, value: valueShapeOf(property.initializer, hooks) });
    } else {
      return undefined;
    }
  }
  return properties;
}
