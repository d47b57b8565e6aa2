import { execFileSync } from 'node:child_process';
import { realpath, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findUncommittedChanges, parsePorcelainZ } from '../../src/project/git-status.js';
import { makeTempDir, writeTree } from '../helpers/temp-dir.js';

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd, stdio: 'pipe' });
}

async function committedRepo(files: Record<string, string>): Promise<string> {
  const repo = await realpath(await makeTempDir());
  git(repo, 'init', '-q');
  await writeTree(repo, files);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'initial');
  return repo;
}

describe('findUncommittedChanges', () => {
  it('reports a clean tree as clean', async () => {
    const repo = await committedRepo({ 'src/a.ts': 'a\n' });
    expect(await findUncommittedChanges([path.join(repo, 'src')])).toEqual({ repoRoot: repo, dirty: [] });
  });

  it('lists modified, staged, deleted and untracked files under the given paths only', async () => {
    const repo = await committedRepo({
      'src/modified.ts': 'a\n',
      'src/staged.ts': 'a\n',
      'src/deleted.ts': 'a\n',
      'src/clean.ts': 'a\n',
      'other/modified-elsewhere.ts': 'a\n',
    });
    await writeFile(path.join(repo, 'src/modified.ts'), 'b\n');
    await writeFile(path.join(repo, 'src/staged.ts'), 'b\n');
    git(repo, 'add', 'src/staged.ts');
    await rm(path.join(repo, 'src/deleted.ts'));
    await writeTree(repo, { 'src/new dir/untrackéd "file".ts': 'new\n' });
    await writeFile(path.join(repo, 'other/modified-elsewhere.ts'), 'b\n');

    const result = await findUncommittedChanges([path.join(repo, 'src')]);
    expect(result).toEqual({
      repoRoot: repo,
      dirty: [
        path.join(repo, 'src/deleted.ts'),
        path.join(repo, 'src/modified.ts'),
        path.join(repo, 'src/new dir/untrackéd "file".ts'),
        path.join(repo, 'src/staged.ts'),
      ],
    });
  });

  it('accepts a file path and reports a renamed file by both of its paths', async () => {
    const repo = await committedRepo({ 'src/old.ts': 'a\n' });
    git(repo, 'mv', 'src/old.ts', 'src/new.ts');
    expect(await findUncommittedChanges([path.join(repo, 'src/new.ts'), path.join(repo, 'src/old.ts')])).toEqual({
      repoRoot: repo,
      dirty: [path.join(repo, 'src/new.ts'), path.join(repo, 'src/old.ts')],
    });
  });

  it('returns no repository outside git', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'a.ts': 'a' });
    expect(await findUncommittedChanges([dir])).toEqual({ repoRoot: null, dirty: [] });
  });
});

describe('parsePorcelainZ', () => {
  it('reads plain records and skips the source path of a rename', () => {
    expect(parsePorcelainZ(' M src/a.ts\0R  src/new.ts\0src/old.ts\0?? src/b c.ts\0')).toEqual([
      'src/a.ts',
      'src/new.ts',
      'src/b c.ts',
    ]);
  });
});
