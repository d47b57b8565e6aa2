// Facts about a file's layout that generated text must match: indentation, quotes, line ends.
import type { ts } from './typescript.js';

export function lineStartOf(text: string, pos: number): number {
  const nl = text.lastIndexOf('\n', pos - 1);
  return nl + 1;
}

export function lineIndentAt(text: string, pos: number): string {
  const start = lineStartOf(text, pos);
  const match = /^[ \t]*/.exec(text.slice(start, pos));
  return match ? match[0] : '';
}

/** The file's indentation unit: a tab, or the smallest step between indented lines (default 2 spaces). */
export function indentUnitOf(text: string): string {
  let smallest = Infinity;
  for (const match of text.matchAll(/^( +|\t+)\S/gm)) {
    const ws = match[1]!;
    if (ws.startsWith('\t')) return '\t';
    if (ws.length >= 2 && ws.length < smallest) smallest = ws.length;
  }
  return Number.isFinite(smallest) && smallest <= 8 ? ' '.repeat(smallest) : '  ';
}

/** The quote most string literals in the file use. */
export function preferredQuoteOf(sourceFile: Pick<ts.SourceFile, 'text'>): "'" | '"' {
  const text = sourceFile.text;
  let single = 0;
  let double = 0;
  for (const match of text.matchAll(/(?:from|require\()\s*(['"])/g)) {
    if (match[1] === "'") single++;
    else double++;
  }
  if (single + double === 0) {
    single = (text.match(/'/g) ?? []).length;
    double = (text.match(/"/g) ?? []).length;
  }
  return double > single ? '"' : "'";
}

/** Whether statements in the file end with semicolons. */
export function usesSemicolons(sourceFile: ts.SourceFile): boolean {
  let withSemi = 0;
  let without = 0;
  for (const statement of sourceFile.statements) {
    const text = statement.getText(sourceFile);
    if (text.endsWith(';')) withSemi++;
    else if (!text.endsWith('}')) without++;
  }
  return withSemi >= without;
}

export function quoteString(value: string, quote: "'" | '"'): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(new RegExp(quote, 'g'), `\\${quote}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `${quote}${escaped}${quote}`;
}
