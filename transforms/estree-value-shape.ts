// Babel / ESTree expressions (what jscodeshift's parsers produce) → the log core's parser-neutral
// ValueShapes: the jscodeshift counterpart of src/syntax/log-shapes.ts. Only the description of
// the AST lives here; every decision about messages and names is the core's.
import type { ValueShape } from '../src/syntax/log-core/value-shape.js';
import type { Positions } from './source-positions.js';

/** The part of a Babel/ESTree node this adapter reads (parsers differ in the rest). */
export interface EsNode {
  type: string;
  start?: number | null;
  end?: number | null;
  range?: [number, number];
  extra?: { parenthesized?: boolean; raw?: string } | null;
  // The adapter reads children by name, as each node type defines them.
  [key: string]: unknown;
}

export interface EsShapeHooks {
  positions: Positions;
  /** The text of [start, end) of the file in the output (the transform renders its earlier edits inside it). */
  code(start: number, end: number): string;
  /** The file's own text (template literals are checked against it). */
  source: string;
  isTraceId(node: EsNode): boolean;
  isError(node: EsNode): boolean;
}

const WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'TypeCastExpression', 'ParenthesizedExpression']);

/** The unary operators both adapters describe (TypeScript has its own nodes for void/delete). */
const UNARY_OPERATORS = new Set(['!', '-', '+', '~', 'typeof']);

/** Type assertions, non-null assertions and explicit parentheses around an expression. */
export function unwrapEs(node: EsNode): EsNode {
  let current = node;
  while (WRAPPERS.has(current.type)) current = current.expression as EsNode;
  return current;
}

export function isStringLiteralNode(node: EsNode): boolean {
  return node.type === 'StringLiteral' || (node.type === 'Literal' && typeof node.value === 'string');
}

export function esValueShapeOf(node: EsNode, hooks: EsShapeHooks): ValueShape {
  let bare = node;
  while (bare.type === 'ParenthesizedExpression') bare = bare.expression as EsNode;
  const e = unwrapEs(node);
  const base: ValueShape = {
    code: hooks.code(hooks.positions.start(bare), hooks.positions.end(bare)),
    kind: 'other',
    node: e,
    isError: hooks.isError(e),
    isTraceId: hooks.isTraceId(e),
  };
  if (bare !== node || bare.extra?.parenthesized) base.parenthesized = true;
  const sub = (x: unknown) => esValueShapeOf(x as EsNode, hooks);
  const args = (list: unknown) => ((list as EsNode[] | undefined) ?? []).filter((a) => a.type !== 'SpreadElement').map(sub);
  switch (e.type) {
    case 'Identifier':
      return { ...base, kind: 'identifier', name: e.name as string };
    case 'ThisExpression':
      return { ...base, kind: 'this' };
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const property = e.property as EsNode;
      if (!e.computed) {
        const name = property.type === 'PrivateName' ? `#${(property.id as EsNode).name as string}` : (property.name as string);
        return { ...base, kind: 'member', name, object: sub(e.object) };
      }
      const index = unwrapEs(property);
      if (isStringLiteralNode(index) || index.type === 'NumericLiteral' || (index.type === 'Literal' && typeof index.value === 'number')) {
        return { ...base, kind: 'member', name: String(index.value), object: sub(e.object) };
      }
      if (index.type === 'TemplateLiteral' && (index.expressions as EsNode[]).length === 0) {
        return { ...base, kind: 'member', name: cooked(index)[0], object: sub(e.object) };
      }
      return { ...base, kind: 'element', object: sub(e.object) };
    }
    case 'CallExpression':
    case 'OptionalCallExpression':
      return { ...base, kind: 'call', callee: sub(e.callee), args: args(e.arguments) };
    case 'NewExpression':
      return { ...base, kind: 'new', callee: sub(e.callee), args: args(e.arguments) };
    case 'AwaitExpression':
      return { ...base, kind: 'await', object: sub(e.argument) };
    case 'BinaryExpression':
    case 'LogicalExpression':
      return { ...base, kind: 'binary', operator: e.operator as string, left: sub(e.left), right: sub(e.right) };
    case 'UnaryExpression':
      return UNARY_OPERATORS.has(e.operator as string) ? { ...base, kind: 'unary', name: e.operator as string, object: sub(e.argument) } : base;
    case 'StringLiteral':
    case 'Literal':
      if (typeof e.value === 'string') return { ...base, kind: 'string', literal: e.value, quote: base.code.startsWith('"') ? '"' : "'" };
      if (typeof e.value === 'number') return { ...base, kind: 'number', literal: String(e.value) };
      return base;
    case 'NumericLiteral':
      return { ...base, kind: 'number', literal: String(e.value) };
    case 'TemplateLiteral': {
      checkTemplate(e, hooks);
      const expressions = e.expressions as EsNode[];
      if (expressions.length === 0) return { ...base, kind: 'string', literal: cooked(e)[0], quote: '`' };
      return { ...base, kind: 'template', quasis: cooked(e), expressions: expressions.map(sub) };
    }
    case 'ObjectExpression': {
      const properties = plainEsProperties(e, hooks);
      return properties ? { ...base, kind: 'object', properties } : { ...base, kind: 'object' };
    }
    case 'ArrayExpression':
      return { ...base, kind: 'array' };
    default:
      return base;
  }
}

/** `{ a, b: x, 'c-d': y }`: each property's key and value; undefined when one is anything else. */
function plainEsProperties(object: EsNode, hooks: EsShapeHooks): ValueShape['properties'] {
  const properties: NonNullable<ValueShape['properties']> = [];
  for (const property of object.properties as EsNode[]) {
    const plain = (property.type === 'ObjectProperty' || (property.type === 'Property' && property.kind === 'init' && !property.method)) && !property.computed;
    const key = plain ? (property.key as EsNode) : undefined;
    const name = key?.type === 'Identifier' ? (key.name as string) : key && isStringLiteralNode(key) ? (key.value as string) : undefined;
    if (name === undefined) return undefined;
    properties.push({ key: name, value: esValueShapeOf(property.value as EsNode, hooks) });
  }
  return properties;
}

/** The parser saw recast's re-indented copy: a template's text is only trusted when it is the file's own. */
export class UnreadableTemplateError extends Error {}

function checkTemplate(template: EsNode, hooks: EsShapeHooks): void {
  for (const quasi of template.quasis as EsNode[]) {
    const raw = (quasi.value as { raw: string }).raw;
    const own = hooks.source.slice(hooks.positions.start(quasi), hooks.positions.end(quasi)).replace(/\r\n?/g, '\n');
    if (own !== raw) throw new UnreadableTemplateError('a template literal whose lines start with tabs or other whitespace the parser saw re-indented');
  }
}

function cooked(template: EsNode): string[] {
  return (template.quasis as EsNode[]).map((q) => ((q.value as { cooked?: string | null; raw: string }).cooked ?? (q.value as { raw: string }).raw));
}
