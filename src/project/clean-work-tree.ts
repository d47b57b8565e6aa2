// In-place runs refuse a git work tree with uncommitted changes under the roots: the user must
// be able to review (and revert) exactly what the tool changed.
import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import { UsageError } from '../errors.js';

const run = promisify(execFile);

export async function ensureCleanWorkTree(roots: readonly string[]): Promise<void> {
  for (const root of roots) {
    const dir = existsSync(root) && statSync(root).isDirectory() ? root : dirname(root);
    let output: string;
    try {
      output = (await run('git', ['status', '--porcelain', '--', root], { cwd: dir })).stdout;
    } catch {
      continue; // not a git work tree (or no git): nothing to protect
    }
    const dirty = output.split('\n').filter((l) => l.trim() !== '');
    if (dirty.length > 0) {
      throw new UsageError(`uncommitted changes under ${root} (${dirty.length} file${dirty.length > 1 ? 's' : ''}, e.g. ${dirty[0]!.slice(3)}); commit or stash them, or pass --force`);
    }
  }
}
