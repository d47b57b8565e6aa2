// Renders a StructuredLog as a call on the facade: `log.info('msg {a}', { a, bC: b.c })`,
// broken over lines (one field per line) when one line would be too long.
import type { StructuredLog } from './structured-log.js';

export interface RenderOptions {
  /** The facade's local name (`log`, or an alias when the file already uses that name). */
  facade: string;
  quote: "'" | '"';
  /** Indentation of the line the call starts on, and one indentation step. */
  indent: string;
  indentUnit: string;
  eol: string;
  /** Column where the call starts (for the line-length decision). */
  column: number;
  maxLineLength: number;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function renderStructuredLogCall(log: StructuredLog, options: RenderOptions): string {
  const message = quote(log.message, options.quote);
  const head = `${options.facade}.${log.level}(${message}`;
  if (log.fields.length === 0) return `${head})`;
  const entries = log.fields.map((f) => (f.code === f.name ? f.name : `${IDENTIFIER.test(f.name) ? f.name : quote(f.name, options.quote)}: ${f.code}`));
  const oneLine = `${head}, { ${entries.join(', ')} })`;
  const multiLineValue = entries.some((e) => e.includes('\n'));
  if (!multiLineValue && options.column + oneLine.length <= options.maxLineLength) return oneLine;
  const inner = options.indent + options.indentUnit;
  return `${head}, {${options.eol}${entries.map((e) => `${inner}${e},`).join(options.eol)}${options.eol}${options.indent}})`;
}

function quote(value: string, q: "'" | '"'): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(new RegExp(q, 'g'), `\\${q}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `${q}${escaped}${q}`;
}
