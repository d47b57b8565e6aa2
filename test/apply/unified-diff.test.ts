import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderUnifiedDiff, type FileChange } from '../../src/apply/unified-diff.js';
import { makeTempDir } from '../helpers/temp-dir.js';

/** Writes the `before` files into a fresh git repository, applies the diff with git, returns the repo. */
async function applyWithGit(changes: FileChange[], diff: string): Promise<string> {
  const repo = await makeTempDir();
  execFileSync('git', ['init', '-q'], { cwd: repo });
  for (const change of changes) {
    if (change.before === null) continue;
    const file = path.join(repo, change.path);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, change.before, 'utf8');
  }
  const patchFile = path.join(await makeTempDir(), 'changes.patch');
  await writeFile(patchFile, diff, 'utf8');
  execFileSync('git', ['apply', '--check', patchFile], { cwd: repo, stdio: 'pipe' });
  execFileSync('git', ['apply', patchFile], { cwd: repo, stdio: 'pipe' });
  return repo;
}

async function expectGitApplies(changes: FileChange[]): Promise<string> {
  const diff = renderUnifiedDiff(changes);
  const repo = await applyWithGit(changes, diff);
  for (const change of changes) {
    expect(await readFile(path.join(repo, change.path), 'utf8')).toBe(change.after);
  }
  return diff;
}

const lines = (n: number, eol = '\n') => Array.from({ length: n }, (_, i) => `line ${i + 1}${eol}`).join('');

describe('renderUnifiedDiff', () => {
  it("renders git's format with 3 lines of context", async () => {
    const before = lines(10);
    const after = before.replace('line 5\n', 'line five\n');
    const diff = await expectGitApplies([{ path: 'src/a.ts', before, after }]);
    expect(diff).toBe(
      'diff --git a/src/a.ts b/src/a.ts\n' +
        '--- a/src/a.ts\n' +
        '+++ b/src/a.ts\n' +
        '@@ -2,7 +2,7 @@\n' +
        ' line 2\n' +
        ' line 3\n' +
        ' line 4\n' +
        '-line 5\n' +
        '+line five\n' +
        ' line 6\n' +
        ' line 7\n' +
        ' line 8\n',
    );
  });

  it('splits distant changes into separate hunks', async () => {
    const before = lines(30);
    const after = before.replace('line 2\n', 'line two\n').replace('line 29\n', 'line twenty-nine\n');
    const diff = await expectGitApplies([{ path: 'a.ts', before, after }]);
    expect(diff.match(/^@@ .* @@$/gm)).toEqual(['@@ -1,5 +1,5 @@', '@@ -26,5 +26,5 @@']);
  });

  it('renders a new file with mode 100644 from /dev/null', async () => {
    const diff = await expectGitApplies([{ path: 'src/trace-context.ts', before: null, after: 'export {};\nexport const a = 1;\n' }]);
    expect(diff).toBe(
      'diff --git a/src/trace-context.ts b/src/trace-context.ts\n' +
        'new file mode 100644\n' +
        '--- /dev/null\n' +
        '+++ b/src/trace-context.ts\n' +
        '@@ -0,0 +1,2 @@\n' +
        '+export {};\n' +
        '+export const a = 1;\n',
    );
  });

  it('renders a new empty file the way git does (no hunk)', async () => {
    const diff = await expectGitApplies([{ path: 'empty.ts', before: null, after: '' }]);
    expect(diff).toBe('diff --git a/empty.ts b/empty.ts\nnew file mode 100644\n');
  });

  it('marks a missing final newline on either side', async () => {
    const diff = await expectGitApplies([
      { path: 'gains.ts', before: 'a\nb', after: 'a\nb\n' },
      { path: 'loses.ts', before: 'a\nb\n', after: 'a\nc' },
      { path: 'never.ts', before: 'x\ny', after: 'x\nz' },
    ]);
    expect(diff).toBe(
      'diff --git a/gains.ts b/gains.ts\n--- a/gains.ts\n+++ b/gains.ts\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n' +
        'diff --git a/loses.ts b/loses.ts\n--- a/loses.ts\n+++ b/loses.ts\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n\\ No newline at end of file\n' +
        'diff --git a/never.ts b/never.ts\n--- a/never.ts\n+++ b/never.ts\n@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+z\n\\ No newline at end of file\n',
    );
  });

  it('keeps CRLF line endings through git apply', async () => {
    const before = lines(8, '\r\n');
    const after = before.replace('line 4\r\n', 'line four\r\nline four and a half\r\n');
    const diff = await expectGitApplies([{ path: 'crlf.ts', before, after }]);
    expect(diff).toContain('-line 4\r\n+line four\r\n+line four and a half\r\n');
  });

  it('keeps a BOM that both sides carry, and a BOM that is added or dropped', async () => {
    await expectGitApplies([
      { path: 'kept.ts', before: '\uFEFFconst a = 1;\nconst b = 2;\n', after: '\uFEFFconst a = 1;\nconst b = 3;\n' },
      { path: 'first-line.ts', before: '\uFEFFconst a = 1;\n', after: '\uFEFFconst a = 2;\n' },
      { path: 'added.ts', before: 'x\n', after: '\uFEFFx\n' },
      { path: 'dropped.ts', before: '\uFEFFx\n', after: 'x\n' },
    ]);
  });

  it('handles unicode text and paths with spaces and non-ASCII letters', async () => {
    const diff = await expectGitApplies([
      { path: 'src/ünïcode dir/naïve file.ts', before: 'const s = "café";\n', after: 'const s = "café ✓ 🎉";\n' },
    ]);
    expect(diff.split('\n').slice(0, 3)).toEqual([
      'diff --git a/src/ünïcode dir/naïve file.ts b/src/ünïcode dir/naïve file.ts',
      '--- a/src/ünïcode dir/naïve file.ts\t',
      '+++ b/src/ünïcode dir/naïve file.ts\t',
    ]);
  });

  it('quotes a path with a double quote or a backslash like git', async () => {
    const diff = await expectGitApplies([{ path: 'odd"name\\x.ts', before: 'a\n', after: 'b\n' }]);
    expect(diff.split('\n')[0]).toBe('diff --git "a/odd\\"name\\\\x.ts" "b/odd\\"name\\\\x.ts"');
  });

  it('empties a file', async () => {
    const diff = await expectGitApplies([{ path: 'gone.ts', before: 'a\nb\n', after: '' }]);
    expect(diff).toBe('diff --git a/gone.ts b/gone.ts\n--- a/gone.ts\n+++ b/gone.ts\n@@ -1,2 +0,0 @@\n-a\n-b\n');
  });

  it('renders nothing for no changes or an unchanged file', () => {
    expect(renderUnifiedDiff([])).toBe('');
    expect(renderUnifiedDiff([{ path: 'same.ts', before: 'a\n', after: 'a\n' }])).toBe('');
  });

  it('fills an empty existing file', async () => {
    const diff = await expectGitApplies([{ path: 'was-empty.ts', before: '', after: 'a\n' }]);
    expect(diff).toBe('diff --git a/was-empty.ts b/was-empty.ts\n--- a/was-empty.ts\n+++ b/was-empty.ts\n@@ -0,0 +1 @@\n+a\n');
  });
});
