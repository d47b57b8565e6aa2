// Renders structured logging calls as text: `log.info('msg {a}', { a, bC: b.c })` on the facade,
// `logger.info({ a }, 'msg {a}')` for pino-style loggers — one line when it fits, else the fields
// object broken over lines (one field per line).
import { quoteString } from '../source-layout.js';
import type { StructuredField, StructuredLog } from './structured-log.js';

export interface CallLayout {
  quote: "'" | '"';
  /** Indentation of the line the call starts on, and one indentation step. */
  indent: string;
  indentUnit: string;
  eol: string;
  /** Column where the call starts (for the line-length decision). */
  column: number;
  maxLineLength: number;
}

export interface RenderOptions extends CallLayout {
  /** The facade's local name (`log`, or an alias when the file already uses that name). */
  facade: string;
}

/** An argument of a rendered call: text as is, or an object literal given by its entries. */
export type RenderedArgument = { text: string } | { entries: string[] };

/** Longer calls put their fields one per line. */
export const MAX_LINE_LENGTH = 100;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `log.<level>(message, { fields })` on the runtime facade. */
export function renderStructuredLogCall(log: StructuredLog, options: RenderOptions): string {
  const args: RenderedArgument[] = [{ text: quoteString(log.message, options.quote) }];
  if (log.fields.length > 0) args.push({ entries: fieldEntries(log.fields, options.quote) });
  return renderCall(`${options.facade}.${log.level}`, args, options);
}

/** `name` when the value is a variable of that name, else `name: code`. */
export function fieldEntries(fields: readonly StructuredField[], quote: "'" | '"'): string[] {
  return fields.map((f) => (f.code === f.name ? f.name : `${IDENTIFIER.test(f.name) ? f.name : quoteString(f.name, quote)}: ${f.code}`));
}

/** `head(arg, …)`: on one line when it fits and no value spans lines, else with the object's entries one per line. */
export function renderCall(head: string, args: readonly RenderedArgument[], layout: CallLayout): string {
  const oneLine = `${head}(${args.map((a) => ('text' in a ? a.text : `{ ${a.entries.join(', ')} }`)).join(', ')})`;
  const multiLineValue = args.some((a) => ('text' in a ? a.text : a.entries.join('')).includes('\n'));
  if (!multiLineValue && layout.column + oneLine.length <= layout.maxLineLength) return oneLine;
  const inner = layout.indent + layout.indentUnit;
  const broken = args.map((a) =>
    'text' in a ? a.text : `{${layout.eol}${a.entries.map((e) => `${inner}${e},`).join(layout.eol)}${layout.eol}${layout.indent}}`,
  );
  return `${head}(${broken.join(', ')})`;
}
