// Renders changes as one unified diff in git's format, so `git apply` (and review tools) accept it.
//
// `before` and `after` are whole file contents exactly as they are (or would be) on disk: a BOM
// is part of the first line and CRLF line endings stay in the lines, so applying the diff gives
// back the same bytes.
import { structuredPatch } from 'diff';

export interface FileChange {
  /** Relative to the repository (or cwd), forward slashes. */
  path: string;
  /** Current content; null for a file that does not exist yet. */
  before: string | null;
  after: string;
}

const CONTEXT_LINES = 3;

export function renderUnifiedDiff(changes: readonly FileChange[]): string {
  return changes.map(renderFileDiff).join('');
}

function renderFileDiff(change: FileChange): string {
  const isNew = change.before === null;
  const before = change.before ?? '';
  if (!isNew && before === change.after) return '';
  const a = quotePath(`a/${change.path}`);
  const b = quotePath(`b/${change.path}`);
  let out = `diff --git ${a} ${b}\n`;
  if (isNew) out += 'new file mode 100644\n';
  // git writes no ---/+++ header and no hunk for a new empty file.
  if (isNew && change.after === '') return out;
  out += `--- ${isNew ? '/dev/null' : withSpaceMarker(a)}\n`;
  out += `+++ ${withSpaceMarker(b)}\n`;
  const patch = structuredPatch(change.path, change.path, before, change.after, undefined, undefined, {
    context: CONTEXT_LINES,
  });
  for (const hunk of patch.hunks) {
    // An empty side is written as "-0,0": the line before the (non-existent) first line.
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    out += `@@ -${range(oldStart, hunk.oldLines)} +${range(newStart, hunk.newLines)} @@\n`;
    for (const line of hunk.lines) out += `${line}\n`;
  }
  return out;
}

function range(start: number, count: number): string {
  return count === 1 ? String(start) : `${start},${count}`;
}

// git appends a tab to ---/+++ names that contain a space, so the name's end is unambiguous.
function withSpaceMarker(name: string): string {
  return name.includes(' ') ? `${name}\t` : name;
}

const NEEDS_QUOTING = /["\\\x00-\x1f\x7f]/;
const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** git's C-style quoting for names with quotes, backslashes or control characters. */
function quotePath(name: string): string {
  if (!NEEDS_QUOTING.test(name)) return name;
  const body = name.replace(/["\\\x00-\x1f\x7f]/g, (ch) => ESCAPES[ch] ?? `\\${ch.charCodeAt(0).toString(8).padStart(3, '0')}`);
  return `"${body}"`;
}
