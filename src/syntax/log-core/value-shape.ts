// A parser-neutral description of one logged value, so the same message and naming logic serves
// the TypeScript engine (src/rules/structured-logs.ts) and the jscodeshift transform
// (transforms/, Babel/ESTree ASTs). Adapters build these; nothing here knows a parser.

export interface ValueShape {
  /** Source text of the value as it should appear in the output (without outer parentheses). */
  code: string;
  kind:
    | 'identifier'
    | 'member'
    | 'element'
    | 'call'
    | 'new'
    | 'binary'
    | 'unary'
    | 'string'
    | 'number'
    | 'template'
    | 'object'
    | 'array'
    | 'this'
    | 'await'
    | 'other';
  /** identifier: its name; member: the property name; unary: the operator (`!`, `typeof`, …). */
  name?: string;
  /** member / element: the object; await: the awaited value; unary: the operand. */
  object?: ValueShape;
  /** call / new: the callee. */
  callee?: ValueShape;
  args?: ValueShape[];
  /** binary: operator text and operands. */
  operator?: string;
  left?: ValueShape;
  right?: ValueShape;
  /** string / number literals: their value as console prints it (inlined into the message). */
  literal?: string;
  /** string literals: the quote the source used. */
  quote?: "'" | '"' | '`';
  /** template: the literal texts (cooked, one more than `expressions`) and the interpolated values. */
  quasis?: string[];
  expressions?: ValueShape[];
  /** The source wrote the value in parentheses: `'a' + (b + c)` keeps `b + c` whole. */
  parenthesized?: boolean;
  /** The value is an Error (by type, or a catch-clause binding). */
  isError?: boolean;
  /** The adapter's own AST node, untouched by the core (so an adapter can map values back). */
  node?: unknown;
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

/** `JSON.stringify(x)`, `String(x)`, `x.toString()`: the value that is really logged. */
export function unwrapStringification(shape: ValueShape): ValueShape {
  if (shape.kind === 'call' && shape.callee) {
    const callee = memberPath(shape.callee)?.join('.');
    const first = shape.args?.[0];
    if ((callee === 'JSON.stringify' || callee === 'String') && first && (shape.args?.length === 1 || callee === 'JSON.stringify')) {
      return unwrapStringification(first);
    }
    if (shape.callee.kind === 'member' && shape.callee.name === 'toString' && (shape.args?.length ?? 0) === 0 && shape.callee.object) {
      return unwrapStringification(shape.callee.object);
    }
  }
  return shape;
}

const OPERATOR_WORDS: Record<string, string> = {
  '+': 'Plus',
  '-': 'Minus',
  '*': 'Times',
  '/': 'Per',
  '%': 'Mod',
  '**': 'Pow',
  '>': 'Above',
  '<': 'Below',
  '>=': 'AtLeast',
  '<=': 'AtMost',
  '===': 'Is',
  '==': 'Is',
  '!==': 'IsNot',
  '!=': 'IsNot',
  '&&': 'And',
};

/** Methods whose result is the receiver in another form: `total.toFixed(2)` is named `total`. */
const SAME_VALUE_METHODS = new Set([
  'toFixed', 'toPrecision', 'toExponential', 'toISOString', 'toUTCString', 'toJSON', 'toLocaleString', 'toLocaleDateString',
  'toLocaleTimeString', 'toDateString', 'toTimeString', 'toLowerCase', 'toUpperCase', 'toString', 'valueOf', 'trim', 'trimStart',
  'trimEnd', 'padStart', 'padEnd', 'join',
]);

/** Receivers whose name says nothing about the value: `Date.now()` is `now`, not `dateNow`. */
const NAMESPACES = new Set([
  'Date', 'Math', 'JSON', 'Object', 'Array', 'Number', 'String', 'Boolean', 'Symbol', 'BigInt', 'Reflect', 'Promise', 'Intl', 'Buffer',
  'process', 'performance', 'crypto', 'os', 'path', 'util', 'url', 'fs', 'console',
]);

/** `getName` → `name`, `fetchProfile` → `profile`: the verb adds nothing to a field name. */
const VERB_PREFIX = /^(get|to|compute|calc|calculate|format|build|fetch|load|read)(?=[A-Z])/;

/**
 * A readable field name for a value: `receipt.id` → receiptId, `rows.length` → rowsLength,
 * `user.getName()` → userName, `Date.now()` → now, `items.length + 1` → itemsLengthPlus1.
 * Always an identifier; `value` when nothing better can be said.
 */
export function fieldNameOf(shape: ValueShape): string {
  const path = memberPath(shape);
  if (path) {
    const words = path[0] === 'this' ? path.slice(1) : path;
    if (words.length === 0) return 'self';
    // A plain identifier keeps its name; a SCREAMING_CASE constant reads as camelCase.
    if (words.length === 1 && shape.kind === 'identifier' && !isScreaming(words[0]!)) return words[0]!;
    return camelJoin(words);
  }
  switch (shape.kind) {
    case 'member': {
      const base = shape.object ? fieldNameOf(shape.object) : 'value';
      return base === 'value' ? camelJoin([shape.name ?? 'value']) : base + upperFirst(camelJoin([shape.name ?? '']));
    }
    case 'element':
      return shape.object ? `${fieldNameOf(shape.object)}Item` : 'value';
    case 'call':
      return callName(shape);
    case 'new': {
      const calleePath = shape.callee && memberPath(shape.callee);
      return calleePath ? camelJoin([calleePath[calleePath.length - 1]!]) : 'value';
    }
    case 'await':
      return shape.object ? fieldNameOf(shape.object) : 'value';
    case 'unary': {
      const operand = shape.object ? fieldNameOf(shape.object) : 'value';
      if (shape.name === '!') return `not${upperFirst(operand)}`;
      if (shape.name === 'typeof') return `${operand}Type`;
      return operand;
    }
    case 'binary': {
      if (shape.operator === '??' || shape.operator === '||') return shape.left ? fieldNameOf(shape.left) : 'value';
      const word = shape.operator && OPERATOR_WORDS[shape.operator];
      if (!word || !shape.left || !shape.right) return 'value';
      const right = shape.right.kind === 'number' ? (shape.right.literal ?? '').replace(/[^A-Za-z0-9]/g, '_') : upperFirst(fieldNameOf(shape.right));
      return `${fieldNameOf(shape.left)}${word}${right}`;
    }
    case 'template':
      return 'text';
    case 'object':
      return 'details';
    case 'array':
      return 'values';
    default:
      return 'value';
  }
}

function callName(shape: ValueShape): string {
  const callee = shape.callee;
  if (!callee) return 'value';
  if (callee.kind === 'identifier' && callee.name) return verbless(callee.name);
  if (callee.kind !== 'member' || !callee.name || !callee.object) return 'value';
  const method = callee.name;
  if (SAME_VALUE_METHODS.has(method)) return fieldNameOf(callee.object);
  const objectPath = memberPath(callee.object);
  if (objectPath) {
    const words = objectPath[0] === 'this' ? objectPath.slice(1) : objectPath;
    if (words.length === 0 || NAMESPACES.has(words[0]!)) return verbless(method);
    return camelJoin([...words, verbless(method)]);
  }
  const base = fieldNameOf(callee.object);
  return base === 'value' ? verbless(method) : base + upperFirst(verbless(method));
}

function verbless(name: string): string {
  return lowerFirst(name.replace(VERB_PREFIX, '') || name);
}

function isScreaming(name: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(name) && name.length > 1;
}

function camelJoin(parts: string[]): string {
  const words = parts
    .flatMap((p) => (isScreaming(p) ? p.toLowerCase() : p).split(/[^A-Za-z0-9$]+/))
    .filter((p) => p.length > 0);
  if (words.length === 0) return 'value';
  const name = lowerFirst(words[0]!) + words.slice(1).map(upperFirst).join('');
  return /^[0-9]/.test(name) ? `value${name}` : name;
}

/** `Name` → `name`, `URL` → `url`, `MAX` → `max`. */
function lowerFirst(s: string): string {
  return s.length > 1 && s === s.toUpperCase() ? s.toLowerCase() : s.charAt(0).toLowerCase() + s.slice(1);
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
