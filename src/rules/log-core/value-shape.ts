// A parser-neutral description of one logged value, so the same naming logic serves the
// TypeScript engine and the jscodeshift (Babel AST) transform.

export interface ValueShape {
  /** Source text of the value as it should appear in the output. */
  code: string;
  kind: 'identifier' | 'member' | 'call' | 'binary' | 'string' | 'number' | 'this' | 'await' | 'other';
  /** identifier: its name; member: the property name; call: nothing (see callee). */
  name?: string;
  /** member: the object; await: the awaited value. */
  object?: ValueShape;
  /** call: the callee (an identifier or member shape). */
  callee?: ValueShape;
  args?: ValueShape[];
  /** binary: operator text and operands. */
  operator?: string;
  left?: ValueShape;
  right?: ValueShape;
  /** string / number literals: their value (inlined into the message). */
  literal?: string;
  /** The value is an Error (by type, or a catch-clause binding). */
  isError?: boolean;
  /** The value is the request's trace id (dropped or shown as the context's id). */
  isTraceId?: boolean;
}

/** `a.b.c` → ['a', 'b', 'c'] for identifier/member chains; undefined otherwise. */
export function memberPath(shape: ValueShape): string[] | undefined {
  if (shape.kind === 'identifier' && shape.name) return [shape.name];
  if (shape.kind === 'this') return ['this'];
  if (shape.kind === 'member' && shape.object && shape.name) {
    const head = memberPath(shape.object);
    return head ? [...head, shape.name] : undefined;
  }
  return undefined;
}

/** `JSON.stringify(x)`, `String(x)`, `x.toString()`, `await x`: the value that is really logged. */
export function unwrapStringification(shape: ValueShape): ValueShape {
  if (shape.kind === 'call' && shape.callee) {
    const callee = memberPath(shape.callee)?.join('.');
    const first = shape.args?.[0];
    if ((callee === 'JSON.stringify' || callee === 'String') && first) return unwrapStringification(first);
    if (shape.callee.kind === 'member' && shape.callee.name === 'toString' && (shape.args?.length ?? 0) === 0 && shape.callee.object) {
      return unwrapStringification(shape.callee.object);
    }
  }
  return shape;
}

const OPERATOR_WORDS: Record<string, string> = { '+': 'Plus', '-': 'Minus', '*': 'Times', '/': 'Per', '%': 'Mod', '??': 'Or', '||': 'Or' };

/** A readable field name for a value: `receipt.id` → receiptId, `rows.length` → rowsLength. */
export function fieldNameOf(shape: ValueShape): string {
  const path = memberPath(shape);
  if (path) return camelJoin(path[0] === 'this' && path.length > 1 ? path.slice(1) : path);
  switch (shape.kind) {
    case 'call': {
      const calleePath = shape.callee && memberPath(shape.callee);
      if (!calleePath) return 'value';
      const last = calleePath[calleePath.length - 1]!;
      // `Date.now()` reads better as "now", `user.getName()` as "name".
      const stripped = last.replace(/^(get|to|compute|calc|format|build)(?=[A-Z])/, '');
      return lowerFirst(stripped || last);
    }
    case 'await':
      return shape.object ? fieldNameOf(shape.object) : 'value';
    case 'binary': {
      if (shape.operator === '??' || shape.operator === '||') return shape.left ? fieldNameOf(shape.left) : 'value';
      const word = shape.operator && OPERATOR_WORDS[shape.operator];
      if (!word || !shape.left || !shape.right) return 'value';
      const right = shape.right.kind === 'number' ? shape.right.literal ?? '' : upperFirst(fieldNameOf(shape.right));
      return `${fieldNameOf(shape.left)}${word}${right}`;
    }
    default:
      return 'value';
  }
}

function camelJoin(parts: string[]): string {
  const words = parts
    .flatMap((p) => (/^[A-Z0-9_]+$/.test(p) && p.includes('_') ? p.toLowerCase().split('_') : [p]))
    .map((p) => p.replace(/[^A-Za-z0-9_$]/g, ''))
    .filter((p) => p.length > 0);
  if (words.length === 0) return 'value';
  return lowerFirst(words[0]!) + words.slice(1).map(upperFirst).join('');
}

function lowerFirst(s: string): string {
  return s.length > 1 && s === s.toUpperCase() ? s.toLowerCase() : s.charAt(0).toLowerCase() + s.slice(1);
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
