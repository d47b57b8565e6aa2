// Offsets into the file's own text for the nodes jscodeshift parsed. jscodeshift parses through
// recast, which hands the parser a normalised copy of the source: every line end becomes the
// platform's, and each line's leading whitespace is re-rendered as spaces (a tab as `tabWidth`,
// `\v`, `\f` and a BOM as nothing). Node offsets refer to that copy; line and column (`loc`) still
// name the same line. The transform edits the real text, so it maps `loc` back through each
// line's leading whitespace.
import type { EsNode } from './estree-value-shape.js';

/** The tab width the transform asks recast to use (any works; one keeps columns simple). */
export const RECAST_TAB_WIDTH = 1;

interface Position {
  line: number;
  column: number;
}

export interface Positions {
  start(node: EsNode): number;
  end(node: EsNode): number;
}

const LINE_END = /\r\n|\r(?!\n)|\n|\u2028|\u2029/g;
const LEADING_SPACE = /^\s*/;

export function recastPositions(source: string, tabWidth = RECAST_TAB_WIDTH): Positions {
  const lines: { start: number; leading: number; indent: number }[] = [];
  let lineStart = 0;
  const addLine = (end: number) => {
    const leading = LEADING_SPACE.exec(source.slice(lineStart, end))![0];
    lines.push({ start: lineStart, leading: leading.length, indent: countSpaces(leading, tabWidth) });
  };
  for (const match of source.matchAll(LINE_END)) {
    addLine(match.index!);
    lineStart = match.index! + match[0].length;
  }
  addLine(source.length);
  const offset = (pos: Position): number => {
    const line = lines[pos.line - 1];
    if (!line) return source.length;
    // Inside the re-rendered indentation a column has no exact source twin: take its start.
    const column = pos.column < line.indent ? 0 : line.leading + (pos.column - line.indent);
    return line.start + column;
  };
  const locOf = (node: EsNode) => node.loc as { start: Position; end: Position } | undefined;
  return {
    start: (node) => {
      const loc = locOf(node);
      return loc ? offset(loc.start) : (node.start ?? 0);
    },
    end: (node) => {
      const loc = locOf(node);
      return loc ? offset(loc.end) : (node.end ?? 0);
    },
  };
}

/** recast's count of the columns a line's leading whitespace takes (lib/lines.js countSpaces). */
function countSpaces(spaces: string, tabWidth: number): number {
  let count = 0;
  for (let i = 0; i < spaces.length; i++) {
    switch (spaces.charCodeAt(i)) {
      case 9: {
        const next = Math.ceil(count / tabWidth) * tabWidth;
        count = next === count ? count + tabWidth : next;
        break;
      }
      case 11:
      case 12:
      case 13:
      case 0xfeff:
        break;
      default:
        count += 1;
    }
  }
  return count;
}
