// In-place runs refuse a git work tree with uncommitted changes under the roots: the user must
// be able to review (and revert) exactly what the tool changed.
import { relative } from 'node:path';
import { UsageError } from '../errors.js';
import { findUncommittedChanges } from './git-status.js';

export async function ensureCleanWorkTree(roots: readonly string[], cwd: string): Promise<void> {
  const { dirty } = await findUncommittedChanges([...roots]);
  if (dirty.length === 0) return;
  const example = relative(cwd, dirty[0]!) || dirty[0]!;
  throw new UsageError(
    `uncommitted changes under the given paths (${dirty.length} file${dirty.length > 1 ? 's' : ''}, e.g. ${example}); commit or stash them first, or pass --force`,
  );
}
