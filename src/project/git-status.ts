// Uncommitted changes under the paths a run would write, so the CLI can refuse a dirty tree
// (a migration must be reviewable as one clean diff). git runs without a shell.
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface UncommittedChanges {
  /** Top level of the repository that holds the first path; null outside git (or without git). */
  repoRoot: string | null;
  /** Absolute paths under the given paths that are modified, staged, deleted, renamed or untracked. */
  dirty: string[];
}

export async function findUncommittedChanges(paths: string[]): Promise<UncommittedChanges> {
  if (paths.length === 0) return { repoRoot: null, dirty: [] };
  const repoRoot = await findRepoRoot(paths[0]);
  if (repoRoot === null) return { repoRoot: null, dirty: [] };
  // Paths outside this repository cannot be asked about here (git would refuse the pathspec).
  const inside = await Promise.all(paths.map(async (p) => ((await findRepoRoot(p)) === repoRoot ? p : null)));
  const pathspecs = inside.filter((p): p is string => p !== null).map((p) => path.resolve(p));
  const { stdout } = await git(repoRoot, [
    'status',
    '--porcelain=v1',
    '-z',
    '--untracked-files=all',
    '--no-renames',
    '--',
    ...pathspecs,
  ]);
  const dirty = parsePorcelainZ(stdout).map((relative) => path.join(repoRoot, relative));
  return { repoRoot, dirty: [...new Set(dirty)].sort() };
}

/** `XY path\0` records; paths are relative to the repository root, never quoted with -z. */
export function parsePorcelainZ(output: string): string[] {
  const paths: string[] = [];
  const records = output.split('\0');
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    if (record.length < 4) continue;
    const status = record.slice(0, 2);
    paths.push(record.slice(3));
    // A rename or copy record is followed by its source path (only when renames are detected).
    if (status.includes('R') || status.includes('C')) i++;
  }
  return paths;
}

async function findRepoRoot(target: string): Promise<string | null> {
  const dir = await directoryOf(target);
  if (dir === null) return null;
  try {
    const { stdout } = await git(dir, ['rev-parse', '--show-toplevel']);
    const top = stdout.replace(/\r?\n$/, '');
    return top === '' ? null : path.resolve(top);
  } catch {
    // Not a work tree, a bare repository, or git is not installed.
    return null;
  }
}

/** The directory itself, a file's directory, or for a deleted path its nearest existing ancestor. */
async function directoryOf(target: string): Promise<string | null> {
  for (let current = path.resolve(target); ; current = path.dirname(current)) {
    try {
      return (await stat(current)).isDirectory() ? current : path.dirname(current);
    } catch {
      if (path.dirname(current) === current) return null;
    }
  }
}

function git(cwd: string, args: string[]) {
  return run('git', args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    // Read-only query: do not take index.lock to refresh the index.
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
    windowsHide: true,
  });
}
