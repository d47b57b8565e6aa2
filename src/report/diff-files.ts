// Splits a multi-file unified diff into one section per file. Hunks are consumed by the line
// counts in their `@@ -a,b +c,d @@` headers, so a removed line that reads "-- x" (shown as
// "--- x") is never mistaken for the next file's header.

export interface FileDiff {
  /** Path of the file, without git's a/ b/ prefixes (the new path; the old one for deletions). */
  path: string;
  /** The file's part of the diff, header lines included, ending with a newline. */
  text: string;
  added: number;
  removed: number;
}

const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;

export function splitUnifiedDiff(diff: string): FileDiff[] {
  const lines = diff.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const files: FileDiff[] = [];
  let current: Section | undefined;
  const startSection = (): Section => {
    if (current) files.push(toFileDiff(current));
    current = { lines: [], added: 0, removed: 0, sawHeader: false, sawHunk: false };
    return current;
  };

  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const hunk = HUNK_HEADER.exec(line);
    if (hunk && current) {
      let oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      let newLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
      current.sawHunk = true;
      current.lines.push(line);
      i++;
      while (i < lines.length && (oldLeft > 0 || newLeft > 0 || lines[i].startsWith('\\'))) {
        const body = lines[i];
        if (body.startsWith('+')) {
          newLeft--;
          current.added++;
        } else if (body.startsWith('-')) {
          oldLeft--;
          current.removed++;
        } else if (!body.startsWith('\\')) {
          // A context line; "\ No newline at end of file" counts for neither side.
          oldLeft--;
          newLeft--;
        }
        current.lines.push(body);
        i++;
      }
      continue;
    }
    // Outside hunks: "diff --git" (git) and "Index:"/"====" (jsdiff) open a file; so does a "---"
    // header unless it is the first header of a file those lines already opened.
    const previous = current?.lines[current.lines.length - 1];
    const opensFile =
      !current ||
      line.startsWith('diff --git ') ||
      line.startsWith('Index: ') ||
      (/^={5,}$/.test(line) && !previous?.startsWith('Index: ')) ||
      (line.startsWith('--- ') && (current.sawHeader || current.sawHunk));
    const section = opensFile || !current ? startSection() : current;
    if (line.startsWith('--- ')) {
      section.oldPath = headerPath(line.slice(4));
      section.sawHeader = true;
    } else if (line.startsWith('+++ ')) section.newPath = headerPath(line.slice(4));
    section.lines.push(line);
    i++;
  }
  if (current) files.push(toFileDiff(current));
  return files;
}

interface Section {
  lines: string[];
  oldPath?: string;
  newPath?: string;
  added: number;
  removed: number;
  sawHeader: boolean;
  sawHunk: boolean;
}

function toFileDiff(section: Section): FileDiff {
  return {
    path: section.newPath ?? section.oldPath ?? '(unknown file)',
    text: section.lines.join('\n') + '\n',
    added: section.added,
    removed: section.removed,
  };
}

/** "a/src/x.ts\t2024-…" → "src/x.ts"; "/dev/null" → undefined; git's "quoted" paths unquoted. */
function headerPath(raw: string): string | undefined {
  let path = raw.split('\t')[0];
  if (path.startsWith('"') && path.endsWith('"')) {
    try {
      path = JSON.parse(path) as string;
    } catch {
      path = path.slice(1, -1);
    }
  }
  if (path === '/dev/null') return undefined;
  return path.replace(/^[ab]\//, '');
}
