// A copy of the built tool as `npm install` would lay it out (package.json, bin/, dist/ and the
// production dependencies from package-lock.json), readable by every user. Tests that run the
// bin as another user need it: the checkout itself may sit under a folder only its owner can
// enter (a clone in a 0700 temporary directory), and then `nobody` cannot load the bin.
import { existsSync } from 'node:fs';
import { chmod, cp, lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface PackageLock {
  packages: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean; peer?: boolean }>;
}

/** Copies the built tool from `repoRoot` into `target`; returns the path of its bin there. */
export async function installedCopy(repoRoot: string, target: string): Promise<string> {
  const lock = JSON.parse(await readFile(join(repoRoot, 'package-lock.json'), 'utf8')) as PackageLock;
  // Top-level packages only: nested node_modules come along with the package that holds them.
  const dependencies = Object.entries(lock.packages)
    .filter(([path, entry]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path) && !entry.dev && !entry.devOptional && !entry.peer)
    .map(([path]) => path);
  for (const path of ['package.json', 'bin', 'dist', ...dependencies]) {
    // An optional dependency for another platform is in the lock but not on disk.
    if (existsSync(join(repoRoot, path))) await cp(join(repoRoot, path), join(target, path), { recursive: true, verbatimSymlinks: true });
  }
  await makeReadableByAll(target);
  return join(target, 'bin', 'trace-migrate.js');
}

async function makeReadableByAll(path: string): Promise<void> {
  const info = await lstat(path);
  if (info.isSymbolicLink()) return;
  await chmod(path, info.isDirectory() ? 0o755 : info.mode & 0o111 ? 0o755 : 0o644);
  if (!info.isDirectory()) return;
  for (const entry of await readdir(path)) await makeReadableByAll(join(path, entry));
}
