// The log rewrite's core: from the arguments of a logging call to a constant message with
// `{placeholders}` and named fields. Pure and parser-neutral (see value-shape.ts): the engine and
// the jscodeshift transform both describe their calls as ValueShapes and call this.
import { fieldNameCandidatesOf, unwrapStringification, type ValueShape } from './value-shape.js';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export const CONSOLE_LEVELS: Readonly<Record<string, LogLevel>> = {
  log: 'info',
  info: 'info',
  debug: 'debug',
  warn: 'warn',
  error: 'error',
  trace: 'trace',
};

/** A console call, as its arguments read. */
export interface LogCallDescription {
  method: string;
  args: ValueShape[];
}

export interface StructuredField {
  name: string;
  code: string;
}

export interface StructuredMessage {
  /** Constant text; each value left a `{placeholder}`, the id prefix is gone. */
  message: string;
  /** New fields, in order of first mention (never an existing field's name). */
  fields: StructuredField[];
  /** Values were interpolated (false for a constant message). */
  interpolated: boolean;
}

export interface StructuredLog extends StructuredMessage {
  level: LogLevel;
}

export interface StructuredLogOptions {
  /** The context's id field (`correlationId`): the placeholder of an id mentioned mid-message. */
  idField: string;
  /**
   * Arguments no format specifier consumes: printed after the message, space-separated, as console
   * and util.format do (`message`), or dropped from the message as pino does (`fields`: kept as fields).
   */
  leftoverArgs?: 'message' | 'fields';
  /** Fields the call already has (an object it merges): their names are taken, and a value with the same code reuses its field. */
  existingFields?: readonly StructuredField[];
  /** Keys the target logger writes into every record itself (winston's `message`): a new field of that name gets `Value`. */
  recordKeys?: readonly string[];
}

/** `extra`: the value was an argument after the message (console appends it), not part of the text. */
type MessagePart = { text: string } | { value: ValueShape; extra?: boolean };

/** Names every record has (or that the call's fields must not shadow). */
const RESERVED_FIELDS = new Set(['time', 'level', 'msg', 'trace_id', 'span_id', 'trace_flags']);
const FORMAT_SPECIFIER = /%[sdifjoOc%]/g;

/** A console call as `log.<level>(message, fields)`; console.trace keeps its stack as a field. */
export function buildStructuredLog(call: LogCallDescription, options: StructuredLogOptions): StructuredLog {
  const level = CONSOLE_LEVELS[call.method] ?? 'info';
  const fields = new FieldNames(options);
  const { message, interpolated } = structure(call.args, options, fields);
  // console.trace printed the stack of the call site; `new Error().stack` is that stack.
  if (call.method === 'trace') fields.nameFor(['stack'], 'new Error().stack');
  return { level, message, fields: fields.list(), interpolated };
}

/** The message and fields of any logging call's message arguments (a project logger's too). */
export function buildStructuredMessage(args: readonly ValueShape[], options: StructuredLogOptions): StructuredMessage {
  const fields = new FieldNames(options);
  const { message, interpolated } = structure(args, options, fields);
  return { message, fields: fields.list(), interpolated };
}

/** The quote of the call's first argument when it is a quoted literal, else the file's. */
export function messageQuote(args: readonly ValueShape[], fallback: "'" | '"'): "'" | '"' {
  const quote = args[0]?.kind === 'string' ? args[0].quote : undefined;
  return quote === "'" || quote === '"' ? quote : fallback;
}

/**
 * The values the message arguments interpolate, before the id prefix is dropped: each becomes a
 * placeholder and a field, or is the id. Adapters ask this to know which expressions the rewrite
 * takes over (the engine must rewrite an id reference itself when the log rule does not).
 */
export function messageValues(args: readonly ValueShape[], leftoverArgs: 'message' | 'fields' = 'message'): ValueShape[] {
  const { parts, leftovers } = messageParts(args, leftoverArgs);
  return [...parts.flatMap((p) => ('value' in p ? [p.value] : [])), ...leftovers];
}

/**
 * A value as text and values when it is a string: a literal, a template, or a `+` chain that is a
 * string from its left: `a + b + 'x'` adds `a + b` first, so that sum stays one value.
 */
export function stringParts(shape: ValueShape): MessagePart[] | undefined {
  if (shape.kind === 'string') return [{ text: shape.literal ?? '' }];
  if (shape.kind === 'template' && shape.quasis && shape.expressions) {
    const out: MessagePart[] = [{ text: shape.quasis[0] ?? '' }];
    shape.expressions.forEach((value, i) => out.push(...(stringParts(value) ?? [{ value }]), { text: shape.quasis![i + 1] ?? '' }));
    return out;
  }
  if (shape.kind === 'binary' && shape.operator === '+' && !shape.parenthesized && shape.left && shape.right) {
    const left = stringParts(shape.left);
    const right = unparenthesizedStringParts(shape.right);
    if (left) return [...left, ...(right ?? [{ value: shape.right }])];
    if (right) return [{ value: shape.left }, ...right];
  }
  return undefined;
}

function unparenthesizedStringParts(shape: ValueShape): MessagePart[] | undefined {
  return shape.parenthesized ? undefined : stringParts(shape);
}

function structure(args: readonly ValueShape[], options: StructuredLogOptions, fields: FieldNames): { message: string; interpolated: boolean } {
  const { parts, leftovers } = messageParts(args, options.leftoverArgs ?? 'message');
  const interpolated = parts.some((p) => 'value' in p) || leftovers.length > 0;
  // A line that was nothing but the id keeps it as the placeholder rather than becoming empty.
  const withoutId = dropTraceIdAffixes(parts);
  const empty = withoutId.every((p) => 'text' in p && p.text.trim() === '');
  // An object appended after the message (`console.log('saved', { id, ms })`) gives its own fields,
  // unless that would leave no message: then it is one field, as any other value.
  const kept = empty ? parts : withoutId;
  const mayFlatten = kept.some((p) => ('text' in p ? p.text.trim() !== '' : !isAppendedObject(p)));
  let message = '';
  for (const part of kept) {
    if ('text' in part) {
      message += part.text;
      continue;
    }
    if (mayFlatten && isAppendedObject(part) && fields.takeAll(part.value.properties!)) {
      // The space console put before it goes with it.
      if (message.endsWith(' ')) message = message.slice(0, -1);
      continue;
    }
    const value = unwrapStringification(part.value);
    if (part.value.isTraceId || value.isTraceId) message += `{${options.idField}}`;
    else if (part.value.kind === 'number' && part.value.literal !== undefined) message += part.value.literal;
    else message += `{${fields.nameFor(fieldNameCandidatesOf(value), value.code, value.isError)}}`;
  }
  for (const value of leftovers) {
    if (value.kind === 'object' && value.properties && fields.takeAll(value.properties)) continue;
    const unwrapped = unwrapStringification(value);
    if (!value.isTraceId && !unwrapped.isTraceId) fields.nameFor(fieldNameCandidatesOf(unwrapped), unwrapped.code, unwrapped.isError);
  }
  return { message, interpolated };
}

/**
 * The message as console would print it: util.format substitution in the first argument when
 * it is a string and more arguments follow, then the remaining arguments space-separated.
 */
function messageParts(args: readonly ValueShape[], leftoverArgs: 'message' | 'fields'): { parts: MessagePart[]; leftovers: ValueShape[] } {
  const [first, ...rest] = args;
  const parts: MessagePart[] = [];
  if (!first) return { parts, leftovers: [] };
  const queue = [...rest];
  const firstParts = stringParts(first);
  if (firstParts && queue.length > 0) {
    for (const part of firstParts) {
      if ('value' in part) parts.push(part);
      else parts.push(...substitute(part.text, queue));
    }
  } else {
    parts.push(...(firstParts ?? [{ value: first }]));
  }
  if (leftoverArgs === 'fields') return { parts: mergeText(parts), leftovers: queue };
  for (const value of queue) {
    const isId = value.isTraceId || unwrapStringification(value).isTraceId;
    parts.push({ text: ' ' }, ...(isId || value.kind === 'object' ? [{ value, extra: true }] : inlined(value, 's')));
  }
  return { parts: mergeText(parts), leftovers: [] };
}

/** util.format: each specifier takes the next argument; `%%` is `%`; with no argument left, specifiers stay as written. */
function substitute(text: string, queue: ValueShape[]): MessagePart[] {
  const parts: MessagePart[] = [];
  let last = 0;
  for (const match of text.matchAll(FORMAT_SPECIFIER)) {
    const spec = match[0];
    if (spec !== '%%' && queue.length === 0) continue;
    parts.push({ text: text.slice(last, match.index) });
    last = match.index! + spec.length;
    if (spec === '%%') parts.push({ text: '%' });
    else if (spec === '%c') queue.shift(); // CSS for browser consoles: prints nothing
    else parts.push(...inlined(queue.shift()!, spec[1]!));
  }
  parts.push({ text: text.slice(last) });
  return parts;
}

/** Literals print as themselves under `%s`, `%d`/`%i`/`%f` (numbers) and as extra arguments; other values become fields. */
function inlined(value: ValueShape, specifier: string): MessagePart[] {
  if (specifier === 's') return stringParts(value) ?? (value.kind === 'number' ? [{ text: value.literal ?? value.code }] : [{ value }]);
  if ('dif'.includes(specifier) && value.kind === 'number' && value.literal !== undefined && (specifier !== 'i' || /^-?\d+$/.test(value.literal))) {
    return [{ text: value.literal }];
  }
  return [{ value }];
}

const ID_LABEL = '(?:req(?:uest)?|correlation|corr|trace|rid|cid|x-request)?[\\s_-]*(?:id)?';
const PREFIX_BEFORE = new RegExp(`^\\s*([\\[(<{])?\\s*${ID_LABEL}\\s*[=:#]?\\s*$`, 'i');
const SUFFIX_BEFORE = new RegExp(`\\s*[-|,;]?\\s*([\\[(<{])?\\s*${ID_LABEL}\\s*[=:#]?\\s*$`, 'i');
/** `… for request ${id}`, `… in trace ${id}`: a phrase that only names the id goes with it. */
const PHRASE_SUFFIX_BEFORE = /\s+(?:for|in|of|from|on|with|under)\s+(?:the\s+)?(?:req(?:uest)?|correlation|trace)(?:[\s_-]*id)?\s*[=:#]?\s*$/i;
/** Text that cannot end a sentence: a preposition, article, conjunction or linking verb wants what followed it. */
const DANGLING_END = /(?:^|\s)(?:with|for|in|of|from|on|under|by|to|at|as|via|using|into|is|was|are|were|be|the|a|an|and|or|but)\s*$/i;
const CLOSERS: Record<string, string> = { '[': ']', '(': ')', '<': '>', '{': '}' };

/**
 * Drops the id where it only labels the line: `[${id}] …`, `${id}: …`, `reqId=${id} …`,
 * `(req ${id}) …`, and the same shapes at the end of the message. Mentions elsewhere stay as a
 * placeholder of the context's id field.
 */
/** An object literal of plain properties that console printed after the message. */
function isAppendedObject(part: MessagePart): part is { value: ValueShape & { properties: NonNullable<ValueShape['properties']> }; extra: true } {
  return 'value' in part && part.extra === true && part.value.kind === 'object' && part.value.properties !== undefined && !part.value.isTraceId;
}

function dropTraceIdAffixes(input: MessagePart[]): MessagePart[] {
  let parts = [...input];
  const isId = (p: MessagePart | undefined) => !!p && 'value' in p && (p.value.isTraceId || unwrapStringification(p.value).isTraceId);
  // Prefix: nothing but a label before the first value, and that value is the id.
  const firstValue = parts.findIndex((p) => 'value' in p);
  if (firstValue >= 0 && isId(parts[firstValue])) {
    const before = parts.slice(0, firstValue).map((p) => (p as { text: string }).text).join('');
    const match = PREFIX_BEFORE.exec(before);
    const after = parts[firstValue + 1] && 'text' in parts[firstValue + 1]! ? (parts[firstValue + 1] as { text: string }).text : '';
    const rest = match ? consumeCloser(after, match[1]) : undefined;
    if (match && rest !== undefined && (rest !== after || before.trim() === '' || after === '' || /^\s/.test(after))) {
      parts = [{ text: rest }, ...parts.slice(firstValue + 2)];
    }
  }
  // Suffix: the last value is the id, only a closer after it.
  const lastValue = findLastIndex(parts, (p) => 'value' in p);
  if (lastValue >= 0 && isId(parts[lastValue])) {
    const after = parts.slice(lastValue + 1).map((p) => (p as { text: string }).text).join('');
    const beforePart = parts[lastValue - 1];
    const beforeText = beforePart && 'text' in beforePart ? beforePart.text : '';
    const match = PHRASE_SUFFIX_BEFORE.exec(beforeText) ?? SUFFIX_BEFORE.exec(beforeText);
    // Only a label, bracket or separator marks a suffix: `done by ${id}` is a mention — unless
    // the id was an argument appended after the message (`console.log('done', reqId)`).
    const appended = 'value' in parts[lastValue]! && (parts[lastValue] as { extra?: boolean }).extra === true;
    if (match && (match[0].trim().length > 0 || appended) && /^\s*[\])>}]?\s*$/.test(after) && (match[1] ? after.trim() === CLOSERS[match[1]] : after.trim() === '')) {
      const kept = beforeText.slice(0, beforeText.length - match[0].length);
      // `Request with id ${id}` → `Request with` is no sentence: the id stays, as a placeholder.
      if (!DANGLING_END.test(kept) || appended) parts = [...parts.slice(0, lastValue - 1), { text: kept }];
    }
  }
  return mergeText(parts);
}

/** After an opening bracket, the matching closer (and a separator) must follow the id. */
function consumeCloser(after: string, opener: string | undefined): string | undefined {
  if (opener) {
    const closer = CLOSERS[opener]!;
    const m = new RegExp(`^\\s*\\${closer}\\s*[:\\-|>]*\\s*`).exec(after);
    return m ? after.slice(m[0].length) : undefined;
  }
  const m = /^\s*[:\-|>]*\s*/.exec(after);
  return m ? after.slice(m[0].length) : after;
}

function mergeText(parts: MessagePart[]): MessagePart[] {
  const out: MessagePart[] = [];
  for (const part of parts) {
    const previous = out[out.length - 1];
    if ('text' in part && previous && 'text' in previous) previous.text += part.text;
    else if (!('text' in part) || part.text !== '') out.push('text' in part ? { text: part.text } : part);
  }
  return out;
}

function findLastIndex<T>(items: T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i]!)) return i;
  return -1;
}

const RESERVED_WORDS = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval undefined'.split(' '),
);

/**
 * Field names: readable, never colliding, the same value reusing its field. A name taken by a
 * different value gets a number (`rowId`, `rowId2`); a record's own name (`msg`, `level`, the id
 * field) or a reserved word gets `Value` (`msgValue`).
 */
class FieldNames {
  private readonly codeByName = new Map<string, string>();
  private readonly added: string[] = [];
  private readonly idField: string;
  private readonly recordKeys: ReadonlySet<string>;

  constructor(options: StructuredLogOptions) {
    this.idField = options.idField;
    this.recordKeys = new Set(options.recordKeys);
    for (const field of options.existingFields ?? []) this.codeByName.set(field.name, field.code);
  }

  /** The first candidate no other value took (the longer ones say whose value it is), else the first numbered. */
  nameFor(candidates: readonly string[], code: string, isError = false): string {
    for (const [name, existing] of this.codeByName) if (existing === code) return name;
    const stems = (isError ? ['err'] : candidates).map((stem) => (RESERVED_FIELDS.has(stem) || this.recordKeys.has(stem) || stem === this.idField || RESERVED_WORDS.has(stem) ? `${stem}Value` : stem));
    const free = stems.find((stem) => !this.codeByName.has(stem));
    for (let n = 1; ; n++) {
      const name = free ?? (n === 1 ? stems[0]! : `${stems[0]!}${n}`);
      if (this.codeByName.has(name)) continue;
      this.codeByName.set(name, code);
      this.added.push(name);
      return name;
    }
  }

  /**
   * Each property as a field under its own key (a trace id one is left out: the context has it),
   * when every key is free or already holds the same value; else nothing is taken and false.
   */
  takeAll(properties: readonly { key: string; value: ValueShape }[]): boolean {
    const wanted = properties.filter((p) => !p.value.isTraceId && !unwrapStringification(p.value).isTraceId);
    const keys = new Set<string>();
    for (const { key, value } of wanted) {
      const existing = this.codeByName.get(key);
      if (keys.has(key) || RESERVED_FIELDS.has(key) || key === this.idField || (existing !== undefined && existing !== value.code)) return false;
      keys.add(key);
    }
    for (const { key, value } of wanted) {
      if (this.codeByName.has(key)) continue;
      this.codeByName.set(key, value.code);
      this.added.push(key);
    }
    return true;
  }

  list(): StructuredField[] {
    return this.added.map((name) => ({ name, code: this.codeByName.get(name)! }));
  }
}
