// The --check ratchet: a committed file listing today's accepted findings. Entries are keyed by
// file + rule + fingerprint (never a line number), sorted, one per object, so the file diffs
// cleanly in review. Paths are relative to the baseline file's own directory, so the gate gives
// the same answer whatever directory CI runs it from.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic, writeNewFile } from '../apply/write-file-atomic.js';
import { UsageError } from '../errors.js';
import { displayPath } from '../project/display-path.js';
import { errorCode, osReason } from '../project/read-source-file.js';
import type { Finding } from '../report/report.js';
import { TOOL_NAME } from '../tool-info.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  /** Relative to the baseline file's directory, forward slashes. */
  file: string;
  ruleId: string;
  fingerprint: string;
  /** For the human reading the baseline; not part of the match. */
  message: string;
}

interface BaselineFile {
  version: typeof BASELINE_VERSION;
  tool: typeof TOOL_NAME;
  findings: BaselineEntry[];
}

/**
 * Reads a baseline. A missing file is an empty baseline only when `allowMissing` (it is about to
 * be written); otherwise it, like a malformed file, is a usage error.
 */
export async function loadBaseline(
  baselinePath: string,
  cwd: string,
  { allowMissing }: { allowMissing: boolean },
): Promise<BaselineEntry[]> {
  const shown = displayPath(cwd, baselinePath);
  let text: string;
  try {
    text = await readFile(baselinePath, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      if (allowMissing) return [];
      throw new UsageError(`baseline file does not exist: ${shown} (create it with --update-baseline)`);
    }
    throw new UsageError(`cannot read baseline file ${shown}: ${osReason(error)}`);
  }
  return parseBaseline(text, shown);
}

export function parseBaseline(text: string, shown: string): BaselineEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`baseline file ${shown} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(data) || !Array.isArray(data.findings)) {
    throw new UsageError(`baseline file ${shown} is not a trace-migrate baseline (no "findings" list)`);
  }
  if (data.version !== BASELINE_VERSION) {
    throw new UsageError(
      `baseline file ${shown} has version ${JSON.stringify(data.version)}; this trace-migrate reads version ${BASELINE_VERSION}`,
    );
  }
  return data.findings.map((entry: unknown, index: number) => {
    if (
      !isRecord(entry) ||
      typeof entry.file !== 'string' ||
      typeof entry.ruleId !== 'string' ||
      typeof entry.fingerprint !== 'string'
    ) {
      throw new UsageError(`baseline file ${shown}: entry ${index + 1} needs string "file", "ruleId" and "fingerprint"`);
    }
    return {
      file: entry.file,
      ruleId: entry.ruleId,
      fingerprint: entry.fingerprint,
      message: typeof entry.message === 'string' ? entry.message : '',
    };
  });
}

/** Findings (paths relative to cwd, each with a fingerprint) as entries relative to the baseline. */
export function toBaselineEntries(findings: readonly Finding[], cwd: string, baselinePath: string): BaselineEntry[] {
  const baseDir = path.dirname(baselinePath);
  return findings.map((finding) => {
    if (finding.fingerprint === undefined) throw new Error(`finding without fingerprint: ${finding.file}`);
    return {
      file: displayPath(baseDir, path.resolve(cwd, finding.file)),
      ruleId: finding.ruleId,
      fingerprint: finding.fingerprint,
      message: finding.message,
    };
  });
}

export interface BaselineComparison {
  /** Per current entry, whether the baseline has it. */
  inBaseline: boolean[];
  /** Baseline entries no longer found (fixed, or their code changed). */
  gone: BaselineEntry[];
}

export function compareWithBaseline(current: readonly BaselineEntry[], baseline: readonly BaselineEntry[]): BaselineComparison {
  const currentKeys = new Set(current.map(entryKey));
  const baselineKeys = new Set(baseline.map(entryKey));
  return {
    inBaseline: current.map((entry) => baselineKeys.has(entryKey(entry))),
    gone: baseline.filter((entry) => !currentKeys.has(entryKey(entry))),
  };
}

/** The baseline file's text: sorted entries, two-space JSON, final newline. */
export function renderBaseline(entries: readonly BaselineEntry[]): string {
  const sorted = [...entries].sort(
    (a, b) => compare(a.file, b.file) || compare(a.ruleId, b.ruleId) || compare(a.fingerprint, b.fingerprint),
  );
  const file: BaselineFile = {
    version: BASELINE_VERSION,
    tool: TOOL_NAME,
    findings: sorted.map(({ file: f, ruleId, fingerprint, message }) => ({ file: f, ruleId, fingerprint, message })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Writes the baseline through src/apply/ (atomic), leaving an unchanged file untouched. */
export async function saveBaseline(baselinePath: string, text: string): Promise<void> {
  let existing;
  try {
    existing = await stat(baselinePath);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
    await writeNewFile(baselinePath, text);
    return;
  }
  if ((await readFile(baselinePath, 'utf8')) === text) return;
  await writeFileAtomic({ path: baselinePath, bom: false, mode: existing.mode & 0o7777 }, text);
}

function entryKey(entry: BaselineEntry): string {
  return `${entry.file}\0${entry.ruleId}\0${entry.fingerprint}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
