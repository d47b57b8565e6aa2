import { describe, expect, it } from 'vitest';
import { splitUnifiedDiff } from '../../src/report/diff-files.js';

describe('splitUnifiedDiff', () => {
  it('splits git diffs by file and counts lines by the hunk headers', () => {
    // A removed line "-- x" shows as "--- x": it must not start a new file.
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      'index 2ac3093..1c943a9 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -1,3 +1,3 @@',
      ' a',
      '--- x',
      ' b',
      '+c',
      '\\ No newline at end of file',
      'diff --git a/src/c.ts b/src/c.ts',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/src/c.ts',
      '@@ -0,0 +1 @@',
      '+new',
      '',
    ].join('\n');
    const files = splitUnifiedDiff(diff);
    expect(files.map((f) => [f.path, f.added, f.removed])).toEqual([
      ['src/a.ts', 1, 1],
      ['src/c.ts', 1, 0],
    ]);
    expect(files.map((f) => f.text).join('')).toBe(diff);
  });

  it('splits jsdiff patches (no "diff --git" lines) and names deleted files by their old path', () => {
    const diff = [
      '===================================================================',
      '--- a/src/x.ts',
      '+++ b/src/x.ts',
      '@@ -1,2 +1,1 @@',
      ' one',
      '--- two',
      '===================================================================',
      '--- a/src/gone.ts\t',
      '+++ /dev/null\t',
      '@@ -1 +0,0 @@',
      '-bye',
      '',
    ].join('\n');
    const files = splitUnifiedDiff(diff);
    expect(files.map((f) => [f.path, f.added, f.removed])).toEqual([
      ['src/x.ts', 0, 1],
      ['src/gone.ts', 0, 1],
    ]);
    expect(files.map((f) => f.text).join('')).toBe(diff);
  });

  it('returns nothing for an empty diff', () => {
    expect(splitUnifiedDiff('')).toEqual([]);
  });
});
