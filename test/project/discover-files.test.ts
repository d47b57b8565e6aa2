import { execFileSync } from 'node:child_process';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineConfig, type Config } from '../../src/config/config.js';
import { UsageError } from '../../src/errors.js';
import { discoverFiles } from '../../src/project/discover-files.js';
import { makeTempDir, writeTree } from '../helpers/temp-dir.js';
import { asUnprivilegedUser } from '../helpers/unprivileged.js';

function configFor(cwd: string, paths: string[], extra: Partial<Config> = {}): Config {
  return defineConfig({ cwd, paths: paths.map((p) => path.resolve(cwd, p)), ...extra });
}

function relativePaths(cwd: string, files: { path: string }[]): string[] {
  return files.map((f) => path.relative(cwd, f.path).split(path.sep).join('/'));
}

describe('discoverFiles', () => {
  it('selects every default extension, sorted, and skips declarations, dependencies and build output', async () => {
    const cwd = await makeTempDir();
    await writeTree(cwd, {
      'src/z.ts': 'z',
      'src/a.tsx': 'a',
      'src/b.mts': 'b',
      'src/c.cts': 'c',
      'src/d.js': 'd',
      'src/e.jsx': 'e',
      'src/f.mjs': 'f',
      'src/g.cjs': 'g',
      'src/types.d.ts': 'declare const x: 1;',
      'src/types.d.mts': 'declare const x: 1;',
      'src/types.d.cts': 'declare const x: 1;',
      'src/readme.md': '# no',
      'src/data.json': '{}',
      'src/node_modules/dep/index.js': 'dep',
      'node_modules/dep/index.js': 'dep',
      'dist/out.js': 'built',
      'build/out.js': 'built',
      'out/out.js': 'built',
      'coverage/lcov.js': 'built',
      '.next/server.js': 'built',
      'generated-output/x.ts': 'custom ignored dir',
      'src/nested/deep/h.ts': 'h',
    });
    const discovery = await discoverFiles(configFor(cwd, ['.']), { ignoreDirs: ['generated-output'] });
    expect(relativePaths(cwd, discovery.files)).toEqual([
      'src/a.tsx',
      'src/b.mts',
      'src/c.cts',
      'src/d.js',
      'src/e.jsx',
      'src/f.mjs',
      'src/g.cjs',
      'src/nested/deep/h.ts',
      'src/z.ts',
    ]);
    expect(discovery.roots).toEqual([cwd]);
    expect(discovery.fileResults).toEqual([]);
    expect(discovery.findings).toEqual([]);
  });

  it('takes a build-output name as a root when it is named explicitly', async () => {
    const cwd = await makeTempDir();
    await writeTree(cwd, { 'build/tool.ts': 'x' });
    const discovery = await discoverFiles(configFor(cwd, ['build']));
    expect(relativePaths(cwd, discovery.files)).toEqual(['build/tool.ts']);
  });

  it('returns the text without BOM, the dominant line ending and the mode bits', async () => {
    const cwd = await makeTempDir();
    await writeTree(cwd, {
      'bom-crlf.ts': '\uFEFFconst a = 1;\r\nconst b = 2;\r\n',
      'lf.ts': 'const a = 1;\nconst b = 2;\r\nconst c = 3;\n',
      'no-eol.ts': 'const a = 1;',
    });
    // Explicit modes: the umask of the machine running the tests must not matter.
    await chmod(path.join(cwd, 'bom-crlf.ts'), 0o600);
    await chmod(path.join(cwd, 'lf.ts'), 0o755);
    await chmod(path.join(cwd, 'no-eol.ts'), 0o644);
    const { files } = await discoverFiles(configFor(cwd, ['.']));
    expect(files).toEqual([
      { path: path.join(cwd, 'bom-crlf.ts'), text: 'const a = 1;\r\nconst b = 2;\r\n', bom: true, eol: '\r\n', mode: 0o600 },
      { path: path.join(cwd, 'lf.ts'), text: 'const a = 1;\nconst b = 2;\r\nconst c = 3;\n', bom: false, eol: '\n', mode: 0o755 },
      { path: path.join(cwd, 'no-eol.ts'), text: 'const a = 1;', bom: false, eol: '\n', mode: 0o644 },
    ]);
  });

  it('throws a UsageError naming a path that does not exist', async () => {
    const cwd = await makeTempDir();
    await writeTree(cwd, { 'src/a.ts': 'a' });
    const error = await discoverFiles(configFor(cwd, ['src', 'lib/missing'])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe('path does not exist: lib/missing');
  });

  it('throws a UsageError when no path is given', async () => {
    const cwd = await makeTempDir();
    await expect(discoverFiles(configFor(cwd, []))).rejects.toThrow(UsageError);
  });

  it('selects nothing in an empty directory, without throwing', async () => {
    const cwd = await makeTempDir();
    await mkdir(path.join(cwd, 'empty'));
    const discovery = await discoverFiles(configFor(cwd, ['empty']));
    expect(discovery).toEqual({ roots: [path.join(cwd, 'empty')], files: [], fileResults: [], findings: [] });
  });

  it('reports an unreadable file as failed with the OS reason and reads the rest', async () => {
    const cwd = await makeTempDir();
    await chmod(cwd, 0o755);
    await writeTree(cwd, { 'src/locked.ts': 'secret', 'src/open.ts': 'open' });
    await chmod(path.join(cwd, 'src'), 0o755);
    await chmod(path.join(cwd, 'src/locked.ts'), 0o000);
    const discovery = await asUnprivilegedUser(() => discoverFiles(configFor(cwd, ['src'])));
    expect(relativePaths(cwd, discovery.files)).toEqual(['src/open.ts']);
    expect(discovery.fileResults).toEqual([
      { path: 'src/locked.ts', status: 'failed', reason: 'cannot open: EACCES: permission denied' },
    ]);
    expect(discovery.findings).toEqual([
      {
        ruleId: 'project',
        kind: 'error',
        file: 'src/locked.ts',
        line: 1,
        column: 1,
        message: 'Could not read: cannot open: EACCES: permission denied.',
      },
    ]);
  });

  it('reports a directory it cannot list as failed', async () => {
    const cwd = await makeTempDir();
    await chmod(cwd, 0o755);
    await writeTree(cwd, { 'src/ok.ts': 'ok', 'src/private/hidden.ts': 'hidden' });
    await chmod(path.join(cwd, 'src'), 0o755);
    await chmod(path.join(cwd, 'src/private'), 0o000);
    const discovery = await asUnprivilegedUser(() => discoverFiles(configFor(cwd, ['src'])));
    expect(relativePaths(cwd, discovery.files)).toEqual(['src/ok.ts']);
    expect(discovery.fileResults).toEqual([
      { path: 'src/private', status: 'failed', reason: 'cannot list directory: EACCES: permission denied' },
    ]);
  });

  it('skips a FIFO named like a source file instead of blocking on it', async () => {
    const cwd = await makeTempDir();
    await writeTree(cwd, { 'src/a.ts': 'a' });
    execFileSync('mkfifo', [path.join(cwd, 'src/pipe.ts')]);
    const discovery = await discoverFiles(configFor(cwd, ['src']));
    expect(relativePaths(cwd, discovery.files)).toEqual(['src/a.ts']);
    expect(discovery.fileResults).toEqual([{ path: 'src/pipe.ts', status: 'skipped', reason: 'not a regular file' }]);
  });

  it('walks into a directory named like a source file instead of reading it', async () => {
    const cwd = await makeTempDir();
    await writeTree(cwd, { 'src/odd.ts/inner.ts': 'inner' });
    const discovery = await discoverFiles(configFor(cwd, ['src']));
    expect(relativePaths(cwd, discovery.files)).toEqual(['src/odd.ts/inner.ts']);
    expect(discovery.fileResults).toEqual([]);
  });

  it('never follows symbolic links, and says where each one leads', async () => {
    const cwd = await makeTempDir();
    await writeTree(cwd, {
      'outside/secret.ts': 'outside file',
      'outside/dir/inner.ts': 'outside dir',
      'src/real.ts': 'real',
      'src/sub/kept.ts': 'kept',
      'src/notes.txt': 'not source',
    });
    await symlink('../outside/secret.ts', path.join(cwd, 'src/out-file.ts'));
    await symlink('../outside/dir', path.join(cwd, 'src/out-dir'));
    await symlink('real.ts', path.join(cwd, 'src/in-file.ts'));
    await symlink('sub', path.join(cwd, 'src/in-dir'));
    await symlink('missing.ts', path.join(cwd, 'src/dangling.ts'));
    await symlink('notes.txt', path.join(cwd, 'src/notes-link')); // not a candidate either way
    const discovery = await discoverFiles(configFor(cwd, ['src']));
    expect(relativePaths(cwd, discovery.files)).toEqual(['src/real.ts', 'src/sub/kept.ts']);
    expect(discovery.fileResults).toEqual([
      { path: 'src/dangling.ts', status: 'skipped', reason: 'dangling symbolic link (ENOENT: no such file or directory)' },
      {
        path: 'src/in-dir',
        status: 'skipped',
        reason:
          'symbolic link to a directory inside the root (src/sub): not followed; the target is scanned at its own path unless excluded',
      },
      {
        path: 'src/in-file.ts',
        status: 'skipped',
        reason:
          'symbolic link to a file inside the root (src/real.ts): not followed; the target is scanned at its own path unless excluded',
      },
      { path: 'src/out-dir', status: 'skipped', reason: 'symbolic link to a directory outside the root (outside/dir): not followed' },
      { path: 'src/out-file.ts', status: 'skipped', reason: 'symbolic link to a file outside the root (outside/secret.ts): not followed' },
    ]);
    expect(discovery.findings.map((f) => [f.file, f.kind])).toEqual([
      ['src/dangling.ts', 'note'],
      ['src/in-dir', 'note'],
      ['src/in-file.ts', 'note'],
      ['src/out-dir', 'note'],
      ['src/out-file.ts', 'note'],
    ]);
  });

  it('skips a file over maxFileBytes with the sizes in the reason, and reads one at the limit', async () => {
    const cwd = await makeTempDir();
    await writeTree(cwd, { 'at-limit.ts': 'x'.repeat(2048), 'huge.ts': 'x'.repeat(3 * 1024 * 1024) });
    const discovery = await discoverFiles(configFor(cwd, ['.'], { maxFileBytes: 2048 }));
    expect(relativePaths(cwd, discovery.files)).toEqual(['at-limit.ts']);
    expect(discovery.fileResults).toEqual([
      {
        path: 'huge.ts',
        status: 'skipped',
        reason: 'too large: 3.0 MiB exceeds the 2.0 KiB limit (--max-file-size); likely generated or vendored',
      },
    ]);
  });

  it('skips binary files: a NUL byte or invalid UTF-8', async () => {
    const cwd = await makeTempDir();
    await writeTree(cwd, {
      'nul.js': Buffer.from([0x61, 0x00, 0x62]),
      'latin1.js': Buffer.from('const s = "caf\xe9";\n', 'latin1'),
      'utf8.js': 'const s = "café ✓ 🎉";\n',
    });
    const discovery = await discoverFiles(configFor(cwd, ['.']));
    expect(relativePaths(cwd, discovery.files)).toEqual(['utf8.js']);
    expect(discovery.files[0].text).toBe('const s = "café ✓ 🎉";\n');
    expect(discovery.fileResults).toEqual([
      { path: 'latin1.js', status: 'skipped', reason: 'binary file or not UTF-8 (invalid UTF-8 bytes)' },
      { path: 'nul.js', status: 'skipped', reason: 'binary file (contains a NUL byte)' },
    ]);
  });

  it('honours .gitignore files in the root and below it', async () => {
    const cwd = await makeTempDir();
    await writeTree(cwd, {
      '.gitignore': 'generated/\n*.gen.ts\n',
      'src/.gitignore': 'local-only.ts\n',
      'src/a.ts': 'a',
      'src/a.gen.ts': 'generated',
      'src/local-only.ts': 'ignored below',
      'generated/b.ts': 'generated',
    });
    const discovery = await discoverFiles(configFor(cwd, ['.']));
    expect(relativePaths(cwd, discovery.files)).toEqual(['src/a.ts']);
  });

  it('honours the .gitignore of the enclosing repository above the root', async () => {
    const repo = await makeTempDir();
    execFileSync('git', ['init', '-q'], { cwd: repo });
    await writeTree(repo, {
      '.gitignore': 'packages/app/src/legacy/\n',
      'packages/app/src/a.ts': 'a',
      'packages/app/src/legacy/old.ts': 'old',
    });
    const discovery = await discoverFiles(configFor(repo, ['packages/app']));
    expect(relativePaths(repo, discovery.files)).toEqual(['packages/app/src/a.ts']);
  });

  it('scans a root that an outer .gitignore hides, because it was named, and says so', async () => {
    const repo = await makeTempDir();
    execFileSync('git', ['init', '-q'], { cwd: repo });
    await writeTree(repo, {
      '.gitignore': '.cache/\nvendor/\n',
      'vendor/lib/.gitignore': 'skip-me.ts\n',
      'vendor/lib/a.ts': 'a',
      'vendor/lib/skip-me.ts': 'still ignored by the inner rule',
    });
    const discovery = await discoverFiles(configFor(repo, ['vendor/lib']));
    expect(relativePaths(repo, discovery.files)).toEqual(['vendor/lib/a.ts']);
    expect(discovery.findings).toEqual([
      {
        ruleId: 'project',
        kind: 'note',
        file: 'vendor/lib',
        line: 1,
        column: 1,
        message:
          'Git ignores this root (by a rule outside it); it was scanned because it was named explicitly, with only the .gitignore files inside it.',
      },
    ]);
  });

  it('applies include and exclude globs relative to each root', async () => {
    const cwd = await makeTempDir();
    await writeTree(cwd, {
      'src/a.ts': 'a',
      'src/a.test.ts': 'test',
      'src/gen/b.ts': 'gen',
      'scripts/c.ts': 'script',
    });
    const discovery = await discoverFiles(
      configFor(cwd, ['.'], { include: ['src/**'], exclude: ['**/*.test.ts', 'src/gen'] }),
    );
    expect(relativePaths(cwd, discovery.files)).toEqual(['src/a.ts']);
  });

  it('takes an explicitly named file as given, and reports a named file that is not source', async () => {
    const cwd = await makeTempDir();
    await writeTree(cwd, {
      'dist/bundle.js': 'named on purpose',
      'src/types.d.ts': 'declare const x: 1;',
      'README.md': '# readme',
    });
    const discovery = await discoverFiles(configFor(cwd, ['dist/bundle.js', 'src/types.d.ts', 'README.md']));
    expect(relativePaths(cwd, discovery.files)).toEqual(['dist/bundle.js']);
    expect(discovery.fileResults).toEqual([
      {
        path: 'README.md',
        status: 'skipped',
        reason: 'not a source file: the extension is not one of .ts .tsx .mts .cts .js .jsx .mjs .cjs',
      },
      { path: 'src/types.d.ts', status: 'skipped', reason: 'declaration file (.d.ts): nothing to migrate' },
    ]);
  });

  it('follows a symbolic link named explicitly as a root file, and reads the file at its real path', async () => {
    const cwd = await makeTempDir();
    await writeTree(cwd, { 'shared/real.ts': 'real' });
    await symlink('shared/real.ts', path.join(cwd, 'entry.ts'));
    const discovery = await discoverFiles(configFor(cwd, ['entry.ts']));
    expect(relativePaths(cwd, discovery.files)).toEqual(['shared/real.ts']);
  });

  it('reads each file once when roots overlap, and shows paths outside cwd with ../', async () => {
    const base = await makeTempDir();
    await writeTree(base, { 'project/src/a.ts': 'a', 'project/src/sub/b.ts': 'b', 'elsewhere/c.ts': 'c' });
    const cwd = path.join(base, 'project');
    await writeFile(path.join(cwd, 'src/sub/x.bin'), Buffer.from([0]));
    const discovery = await discoverFiles(configFor(cwd, ['src', 'src/sub', 'src/a.ts', '../elsewhere']));
    expect(relativePaths(cwd, discovery.files)).toEqual(['../elsewhere/c.ts', 'src/a.ts', 'src/sub/b.ts']);
  });
});
