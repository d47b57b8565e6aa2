// The log rewrite's core: from the parts of a console call to a constant message with
// `{placeholders}` and named fields. Pure, parser-neutral (see value-shape.ts).
import { fieldNameOf, unwrapStringification, type ValueShape } from './value-shape.js';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export const CONSOLE_LEVELS: Readonly<Record<string, LogLevel>> = {
  log: 'info',
  info: 'info',
  debug: 'debug',
  warn: 'warn',
  error: 'error',
  trace: 'trace',
};

/** The console call, as its arguments read: the message parts, then extra arguments. */
export interface LogCallDescription {
  method: string;
  /** The first argument, split into literal text and interpolated values (template or `+`). */
  message: Array<{ text: string } | { value: ValueShape }>;
  /** True when the first argument is a string (literal, template or concatenation). */
  messageIsString: boolean;
  /** Arguments after the first. */
  extraArgs: ValueShape[];
}

export interface StructuredField {
  name: string;
  code: string;
}

export interface StructuredLog {
  level: LogLevel;
  message: string;
  fields: StructuredField[];
  /** Values interpolated (false for a constant message). */
  interpolated: boolean;
}

export interface StructuredLogOptions {
  /** The context's id field (`correlationId`): a placeholder for an id mentioned mid-message. */
  idField: string;
}

const RESERVED_FIELDS = new Set(['time', 'level', 'msg', 'trace_id', 'span_id', 'trace_flags']);
const FORMAT_SPECIFIER = /%[sdifjoOc%]/g;

export function buildStructuredLog(call: LogCallDescription, options: StructuredLogOptions): StructuredLog {
  const level = CONSOLE_LEVELS[call.method] ?? 'info';
  const parts = messageParts(call);
  const interpolated = parts.some((p) => 'value' in p);
  const withoutId = dropTraceIdAffixes(parts);
  const fields = new FieldNames(options.idField);
  let message = '';
  for (const part of withoutId) {
    if ('text' in part) {
      message += part.text;
      continue;
    }
    const value = unwrapStringification(part.value);
    if (part.value.isTraceId || value.isTraceId) {
      message += `{${options.idField}}`;
      continue;
    }
    if (value.kind === 'string' || value.kind === 'number') {
      message += value.literal ?? value.code;
      continue;
    }
    message += `{${fields.nameFor(value)}}`;
  }
  if (call.method === 'trace') fields.add('stack', 'new Error().stack');
  return { level, message, fields: fields.list(), interpolated };
}

/** The message as console would print it: util.format substitution, then extra args space-separated. */
function messageParts(call: LogCallDescription): Array<{ text: string } | { value: ValueShape }> {
  const parts: Array<{ text: string } | { value: ValueShape }> = [];
  const extra = [...call.extraArgs];
  const onlyText = call.message.length === 1 && 'text' in call.message[0]!;
  if (call.messageIsString && onlyText && extra.length > 0) {
    // util.format: specifiers in a literal first argument consume the next arguments.
    const text = (call.message[0] as { text: string }).text;
    let last = 0;
    for (const match of text.matchAll(FORMAT_SPECIFIER)) {
      const spec = match[0];
      if (spec !== '%%' && extra.length === 0) break;
      parts.push({ text: text.slice(last, match.index) });
      last = match.index! + spec.length;
      if (spec === '%%') parts.push({ text: '%' });
      else if (spec === '%c') extra.shift(); // CSS for browsers: prints nothing
      else parts.push({ value: extra.shift()! });
    }
    parts.push({ text: text.slice(last) });
  } else {
    parts.push(...call.message);
  }
  for (const value of extra) {
    parts.push({ text: ' ' });
    parts.push({ value });
  }
  return mergeText(parts);
}

const ID_LABEL = '(?:req(?:uest)?|correlation|corr|trace|rid|cid|x-request)?[\\s_-]*(?:id)?';
const PREFIX_BEFORE = new RegExp(`^\\s*([\\[(<{])?\\s*${ID_LABEL}\\s*[=:#]?\\s*$`, 'i');
const SUFFIX_BEFORE = new RegExp(`\\s*[-|,;]?\\s*([\\[(<{])?\\s*${ID_LABEL}\\s*[=:#]?\\s*$`, 'i');
const CLOSERS: Record<string, string> = { '[': ']', '(': ')', '<': '>', '{': '}' };

/**
 * Drops the id where it only labels the line: `[${id}] …`, `${id}: …`, `reqId=${id} …`,
 * `(req ${id}) …`, and the same shapes at the end of the message. Mentions elsewhere stay as a
 * placeholder of the context's id field.
 */
function dropTraceIdAffixes(input: Array<{ text: string } | { value: ValueShape }>): Array<{ text: string } | { value: ValueShape }> {
  let parts = [...input];
  const isId = (p: { text: string } | { value: ValueShape } | undefined) => !!p && 'value' in p && (p.value.isTraceId || unwrapStringification(p.value).isTraceId);
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
    const match = SUFFIX_BEFORE.exec(beforeText);
    if (match && match[0].length > 0 && /^\s*[\])>}]?\s*$/.test(after) && (match[1] ? after.trim() === CLOSERS[match[1]] : after.trim() === '')) {
      const kept = beforeText.slice(0, beforeText.length - match[0].length);
      parts = [...parts.slice(0, lastValue - 1), { text: kept }];
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

function mergeText(parts: Array<{ text: string } | { value: ValueShape }>): Array<{ text: string } | { value: ValueShape }> {
  const out: Array<{ text: string } | { value: ValueShape }> = [];
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

/** Field names: readable, never colliding, the same value reusing its field. */
class FieldNames {
  private readonly byName = new Map<string, string>();
  private readonly order: string[] = [];

  constructor(private readonly idField: string) {}

  nameFor(value: ValueShape): string {
    const base = value.isError ? 'err' : fieldNameOf(value);
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base}${n}`;
      if (RESERVED_FIELDS.has(name) || name === this.idField) continue;
      const existing = this.byName.get(name);
      if (existing === undefined) {
        this.add(name, value.code);
        return name;
      }
      if (existing === value.code) return name;
    }
  }

  add(name: string, code: string): void {
    this.byName.set(name, code);
    this.order.push(name);
  }

  list(): StructuredField[] {
    return this.order.map((name) => ({ name, code: this.byName.get(name)! }));
  }
}
