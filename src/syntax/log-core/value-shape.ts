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
  /**
   * object: its properties, when every one is a plain `key: value` or shorthand (no spread,
   * method, accessor or computed key), so its fields can join the log's own. Properties an
   * earlier edit deleted are left out.
   */
  properties?: { key: string; value: ValueShape }[];
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

/** Methods that return the same collection, reshaped: `items.filter(…)` is still `items`. */
const COLLECTION_METHODS = new Set(['map', 'filter', 'slice', 'sort', 'reverse', 'concat', 'flat', 'flatMap']);

/** Receivers whose name says nothing about the value: `Date.now()` is `now`, not `dateNow`. */
const NAMESPACES = new Set([
  'Date', 'Math', 'JSON', 'Object', 'Array', 'Number', 'String', 'Boolean', 'Symbol', 'BigInt', 'Reflect', 'Promise', 'Intl', 'Buffer',
  'process', 'performance', 'crypto', 'os', 'path', 'util', 'url', 'fs', 'console',
]);

/** `getName` → `name`, `fetchProfile` → `profile`: the verb adds nothing to a field name. */
const VERB_PREFIX = /^(get|to|compute|calc|calculate|format|build|fetch|load|read)(?=[A-Z])/;

/**
 * A readable field name for a value, the way its author would name a local: `receipt.id` →
 * receiptId, `req.body.userId` → userId, `items.length` → itemCount, `row !== undefined` → found,
 * `err.message` → errorMessage, `user.getName()` → userName, `Date.now()` → now.
 * Always an identifier; `value` when nothing better can be said.
 */
export function fieldNameOf(shape: ValueShape): string {
  return fieldNameCandidatesOf(shape)[0]!;
}

/**
 * Names for a value, best first: a short one (`total` for `order.total`), then the longer one that
 * says whose it is (`orderTotal`) — the next is used when another value already took the first.
 */
export function fieldNameCandidatesOf(shape: ValueShape): string[] {
  const path = memberPath(shape);
  if (path) return pathNames(path, shape.kind === 'identifier');
  switch (shape.kind) {
    case 'member': {
      const base = shape.object ? fieldNameOf(shape.object) : 'value';
      if (shape.name === 'length') return [countName(base)];
      return base === 'value' ? [camelJoin([shape.name ?? 'value'])] : pathNames([base, shape.name ?? ''], false);
    }
    case 'element': {
      const base = shape.object ? fieldNameOf(shape.object) : 'value';
      const index = shape.code.match(/\[\s*(\d+)\s*\]$/)?.[1];
      return [index === '0' ? `first${upperFirst(singular(base))}` : singular(base) === base ? `${base}Item` : singular(base)];
    }
    case 'call': {
      const logged = unwrapStringification(shape);
      return logged !== shape ? fieldNameCandidatesOf(logged) : [callName(shape)];
    }
    case 'new': {
      const calleePath = shape.callee && memberPath(shape.callee);
      return [calleePath ? camelJoin([calleePath[calleePath.length - 1]!]) : 'value'];
    }
    case 'await':
      return shape.object ? fieldNameCandidatesOf(shape.object) : ['value'];
    case 'unary': {
      // `!!timestamp` casts to a boolean: whether there is one (`hasTimestamp`), not a double negation.
      const cast = shape.name === '!' && shape.object?.kind === 'unary' && shape.object.name === '!' ? shape.object.object : undefined;
      if (cast) return [presence(fieldNameOf(cast))];
      const operand = shape.object ? fieldNameOf(shape.object) : 'value';
      if (shape.name === '!') return [negated(operand)];
      if (shape.name === 'typeof') return [`${operand}Type`];
      return [operand];
    }
    case 'binary':
      return [binaryName(shape)];
    case 'template':
      return ['text'];
    case 'object':
      return ['details'];
    case 'array':
      return ['values'];
    default:
      return ['value'];
  }
}

/** Words that only say where a value was found (`req.body.userId`): dropped before a more telling name. */
const CONTAINERS = new Set([
  'req', 'request', 'res', 'response', 'body', 'params', 'query', 'headers', 'data', 'payload', 'ctx', 'context', 'props', 'options',
  'opts', 'config', 'cfg', 'settings', 'input', 'args', 'event', 'evt', 'detail', 'details', 'env', 'process', 'meta', 'metadata',
  'attributes', 'attrs', 'fields', 'locals', 'session', 'store', 'self', 'window', 'global', 'globalThis', 'self',
]);

/** Last words that say little on their own: `receipt.id` is `receiptId`, not `id`. */
const GENERIC = new Set([
  'id', 'ids', 'uuid', 'key', 'name', 'type', 'kind', 'status', 'state', 'code', 'value', 'values', 'count', 'size', 'message', 'text',
  'url', 'uri', 'path', 'index', 'version', 'number', 'num', 'no', 'label', 'title', 'level', 'mode', 'reason', 'length', 'stack',
  'time', 'date', 'at', 'by', 'ms', 'error', 'result', 'data', 'info', 'list', 'items', 'total', 'amount', 'sum',
]);

const ERROR_WORDS = /^(e|err|error|ex|exc|exception|cause)$/i;

/** Names for `a.b.c`: the last word when it tells, else joined with the nearest word that is not a container. */
function pathNames(path: string[], isIdentifier: boolean): string[] {
  const words = path[0] === 'this' ? path.slice(1) : path;
  if (words.length === 0) return ['self'];
  const last = words[words.length - 1]!;
  // A plain identifier keeps its name; a SCREAMING_CASE constant reads as camelCase.
  if (words.length === 1) return [isIdentifier && !isScreaming(last) ? last : camelJoin([last])];
  const owners = words.slice(0, -1);
  // `rows[0]` → firstRow, `rows[2]` → row2.
  if (/^\d+$/.test(last)) return [last === '0' ? `first${upperFirst(singular(camelJoin(owners.slice(-1))))}` : `${singular(camelJoin(owners.slice(-1)))}${last}`];
  const owner = [...owners].reverse().find((w) => !CONTAINERS.has(w)) ?? owners[owners.length - 1]!;
  const ownerWord = ERROR_WORDS.test(owner) ? 'error' : owner;
  if (last === 'length') return [countName(ownerWord)];
  const full = camelJoin([ownerWord, last]);
  // `req.reqId`, `user.userId`: the owner is already in the name.
  if (camelJoin([last]).toLowerCase().startsWith(camelJoin([owner]).toLowerCase())) return [camelJoin([last])];
  // `d.e`, `opts.x`: a word that short tells nothing on its own either.
  if (GENERIC.has(camelJoin([last])) || ERROR_WORDS.test(owner) || last.length < 3) return [full];
  return [camelJoin([last]), full];
}

/** `items.length` → itemCount, `name.length` → nameLength. */
function countName(owner: string): string {
  const one = singular(owner);
  return one !== owner ? `${one}Count` : `${owner}Length`;
}

function singular(word: string): string {
  if (/ies$/.test(word) && word.length > 4) return word.slice(0, -3) + 'y';
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(xes|ches|shes|sses)$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word) && word.length > 2) return word.slice(0, -1);
  return word;
}

/** `!ready` → notReady, `!user` → noUser, `!isValid` → notValid. */
function negated(name: string): string {
  const flag = /^(is|has|can|should|was|did)([A-Z].*)$/.exec(name);
  if (flag) return `not${flag[2]}`;
  return `not${upperFirst(name)}`;
}

/** `!!timestamp` → hasTimestamp, `!!isReady` → isReady: a flag already says it. */
function presence(name: string): string {
  return /^(is|has|can|should|was|did)[A-Z]/.test(name) ? name : `has${upperFirst(name)}`;
}

/** Values a row, result or record is checked against: `row !== undefined` → found. */
const NOTHING = new Set(['undefined', 'null']);
/** Names that only say "the thing looked up": their presence check is simply `found`. */
const LOOKUP_WORDS = new Set(['row', 'rows', 'result', 'record', 'item', 'entry', 'doc', 'document', 'match', 'existing', 'hit', 'value', 'res', 'data', 'found', 'cached']);

function binaryName(shape: ValueShape): string {
  const { operator, left, right } = shape;
  if (!left || !right) return 'value';
  if (operator === '??' || operator === '||') return fieldNameOf(left);
  // `req.body && req.body.userId`: a guard, then the value.
  if (operator === '&&') return fieldNameOf(right);
  const leftName = fieldNameOf(left);
  const rightIsNothing = NOTHING.has(right.code) || right.code === 'void 0';
  if (rightIsNothing && (operator === '!==' || operator === '!=')) return LOOKUP_WORDS.has(leftName) ? 'found' : `has${upperFirst(leftName)}`;
  if (rightIsNothing && (operator === '===' || operator === '==')) return LOOKUP_WORDS.has(leftName) ? 'notFound' : `no${upperFirst(leftName)}`;
  if (operator === '===' || operator === '==' || operator === '!==' || operator === '!=') {
    const negative = operator.startsWith('!');
    if (right.code === 'true' || right.code === 'false') return (right.code === 'true') !== negative ? leftName : negated(leftName);
    if (right.kind === 'string' && right.literal && /[A-Za-z]/.test(right.literal)) {
      const is = `is${upperFirst(camelJoin([right.literal]))}`;
      return negative ? `not${upperFirst(camelJoin([right.literal]))}` : is;
    }
    return `${leftName}${negative ? 'Differs' : 'Matches'}`;
  }
  // `items.length > 0` → hasItems.
  if ((operator === '>' || operator === '!==') && right.kind === 'number' && right.literal === '0' && left.kind === 'member' && left.name === 'length' && left.object) {
    return `has${upperFirst(fieldNameOf(left.object))}`;
  }
  // `Date.now() - startedAt` → durationMs.
  if (operator === '-' && left.kind === 'call' && left.callee && /^(Date\.now|performance\.now)$/.test(memberPath(left.callee)?.join('.') ?? '')) return 'durationMs';
  const word = operator && OPERATOR_WORDS[operator];
  if (!word) return 'value';
  const rightName = right.kind === 'number' ? (right.literal ?? '').replace(/[^A-Za-z0-9]/g, '_') : upperFirst(fieldNameOf(right));
  return `${leftName}${word}${rightName}`;
}

function callName(shape: ValueShape): string {
  const callee = shape.callee;
  if (!callee) return 'value';
  if (callee.kind === 'identifier' && callee.name) return verbless(callee.name);
  if (callee.kind !== 'member' || !callee.name || !callee.object) return 'value';
  const method = callee.name;
  // `config.get('port')`, `headers.get('x-request-id')`: the key names the value, not the getter.
  const key = shape.args?.length === 1 && shape.args[0]!.kind === 'string' ? shape.args[0]!.literal : undefined;
  if (KEYED_GETTERS.has(method) && key && /[A-Za-z]/.test(key)) return camelJoin([key]);
  if (SAME_VALUE_METHODS.has(method) || COLLECTION_METHODS.has(method)) return fieldNameOf(callee.object);
  const objectPath = memberPath(callee.object);
  if (objectPath) {
    const words = objectPath[0] === 'this' ? objectPath.slice(1) : objectPath;
    if (words.length === 0 || NAMESPACES.has(words[0]!)) return verbless(method);
    return pathNames([...words, verbless(method)], false)[0]!;
  }
  const base = fieldNameOf(callee.object);
  return base === 'value' ? verbless(method) : base + upperFirst(verbless(method));
}

/** Methods that read the value stored under a key (a config, a Map, headers, storage). */
const KEYED_GETTERS = new Set(['get', 'getItem', 'getHeader', 'header']);

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
