// A byte-exact picture of a directory tree, to prove a run left files (or a whole tree) alone.
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative } from 'node:path';

/**
 * Relative path → sha256 of the bytes (files) or `-> target` (symlinks, never followed).
 * Unreadable files are hashed by the caller's privileges: tests run it as the owner.
 */
export async function snapshotTree(root: string, skip: ReadonlySet<string> = new Set(['node_modules', '.git'])): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  async function walk(dir: string): Promise<void> {
    for (const name of (await readdir(dir)).sort()) {
      if (skip.has(name)) continue;
      const file = join(dir, name);
      const info = await lstat(file);
      const key = relative(root, file);
      if (info.isSymbolicLink()) entries[key] = `-> ${await readlink(file)}`;
      else if (info.isDirectory()) await walk(file);
      else entries[key] = `${createHash('sha256').update(await readFile(file)).digest('hex')} mode ${(info.mode & 0o777).toString(8)}`;
    }
  }
  await walk(root);
  return entries;
}
