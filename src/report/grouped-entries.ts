// Findings grouped for a reader: one group per reason (the message with its quoted code left out),
// then per file, with counts and a few locations each. Hundreds of "cannot convert this call"
// findings read as one line per reason and file; what a reviewer must check stays individual.
import type { ReportEntry } from './entries.js';

/** How findings on tests that read log text start (rules/log-text-readers.ts): listed one by one, never grouped away. */
export const TEST_READS_LOG_TEXT = 'this test reads the text of';

export interface ReasonGroup {
  /** The message when every entry says the same, else the message with quoted code as `…`. */
  reason: string;
  kind: ReportEntry['kind'];
  ruleId?: string;
  count: number;
  files: { file: string; locations: string[]; count: number }[];
}

/** Entries a reviewer must read one by one: business ids kept, errors and failures, tests to fix. */
export function isIndividual(entry: ReportEntry): boolean {
  if (entry.message.startsWith(TEST_READS_LOG_TEXT)) return true;
  return entry.kind === 'kept' || entry.kind === 'error' || entry.kind === 'failed' || entry.kind === 'skipped';
}

/** `` `logger.info` has … `` → `` `…` has … ``; `(src/a.ts:12)` → `(…)`. */
export function reasonOf(message: string): string {
  return message.replace(/`[^`]*`/g, '`…`').replace(/\([^()]*:\d+\)/g, '(…)');
}

/** Groups in order of size (largest first), files in report order. */
export function groupByReason(entries: readonly ReportEntry[]): ReasonGroup[] {
  const groups = new Map<string, { group: ReasonGroup; messages: Set<string>; byFile: Map<string, { file: string; locations: string[]; count: number }> }>();
  for (const entry of entries) {
    const reason = reasonOf(entry.message);
    const key = `${entry.kind}\u0000${entry.ruleId ?? ''}\u0000${reason}`;
    let slot = groups.get(key);
    if (!slot) {
      slot = { group: { reason, kind: entry.kind, ruleId: entry.ruleId, count: 0, files: [] }, messages: new Set(), byFile: new Map() };
      groups.set(key, slot);
    }
    slot.group.count++;
    slot.messages.add(entry.message);
    let file = slot.byFile.get(entry.file);
    if (!file) {
      file = { file: entry.file, locations: [], count: 0 };
      slot.byFile.set(entry.file, file);
      slot.group.files.push(file);
    }
    file.count++;
    if (entry.line !== undefined) file.locations.push(`${entry.line}:${entry.column ?? 1}`);
  }
  return [...groups.values()]
    .map(({ group, messages }) => (messages.size === 1 ? { ...group, reason: [...messages][0]! } : group))
    .sort((a, b) => b.count - a.count);
}
