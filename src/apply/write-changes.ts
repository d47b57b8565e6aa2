// The only place that writes the project: every changed file atomically, the runtime module
// as a new file — or, for a dry run, the same changes as one unified diff.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SourceText } from '../syntax/source-text.js';
import { displayPath } from '../project/display-path.js';
import { renderUnifiedDiff } from './unified-diff.js';
import { writeFileAtomic, writeNewFile } from './write-file-atomic.js';

export interface FileChange {
  path: string;
  /** null for a new file. */
  before: string | null;
  after: string;
  source?: SourceText;
}

export async function writeChanges(changes: readonly FileChange[]): Promise<void> {
  for (const change of changes) {
    if (change.before === null || !change.source) {
      await mkdir(dirname(change.path), { recursive: true });
      await writeNewFile(change.path, change.after);
    } else {
      await writeFileAtomic(change.source, change.after);
    }
  }
}

/** The diff `git apply` accepts from `cwd` (paths relative to it; BOMs kept as on disk). */
export function renderChanges(changes: readonly FileChange[], cwd: string): string {
  return renderUnifiedDiff(
    changes.map((c) => ({
      path: displayPath(cwd, c.path),
      before: c.before === null ? null : (c.source?.bom ? '\uFEFF' : '') + c.before,
      after: (c.source?.bom ? '\uFEFF' : '') + c.after,
    })),
  );
}
