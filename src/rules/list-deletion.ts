// Deleting elements from a comma-separated list (arguments, parameters) so that commas,
// line breaks and trailing commas come out as a person would have written them.
import { ts } from '../syntax/typescript.js';

export interface Range {
  start: number;
  end: number;
}

export function listDeletionRanges(list: ts.NodeArray<ts.Node>, indexes: ReadonlySet<number>, file: ts.SourceFile): Range[] {
  const n = list.length;
  const removed = [...indexes].filter((i) => i >= 0 && i < n).sort((a, b) => a - b);
  if (removed.length === 0) return [];
  if (removed.length === n) return [{ start: list[0]!.getStart(file), end: list[n - 1]!.end }];
  const ranges: Range[] = [];
  let i = 0;
  while (i < removed.length) {
    let j = i;
    while (j + 1 < removed.length && removed[j + 1] === removed[j]! + 1) j++;
    const first = removed[i]!;
    const last = removed[j]!;
    if (last < n - 1) ranges.push({ start: list[first]!.getStart(file), end: list[last + 1]!.getStart(file) });
    else ranges.push({ start: list[first - 1]!.end, end: list[last]!.end });
    i = j + 1;
  }
  return ranges;
}

/** The range of whole lines a statement occupies (with its line break), or just the statement. */
export function statementLinesRange(statement: ts.Node, file: ts.SourceFile): Range {
  const text = file.text;
  const start = statement.getStart(file);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let end = statement.end;
  const lineEnd = text.indexOf('\n', end);
  const restOfLine = text.slice(end, lineEnd < 0 ? text.length : lineEnd);
  if (/^\s*$/.test(text.slice(lineStart, start)) && /^\s*$/.test(restOfLine)) {
    end = lineEnd < 0 ? text.length : lineEnd + 1;
    return { start: lineStart, end };
  }
  return { start, end };
}
