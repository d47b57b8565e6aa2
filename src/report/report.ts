// The Report: plain, serializable data describing one run. Formatters (report/format-*.ts)
// are pure views of it; the CLI picks one and prints.

export const REPORT_SCHEMA_VERSION = 1;

export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'failed';

export interface FileResult {
  /** Path relative to Config.cwd, forward slashes. */
  path: string;
  status: FileStatus;
  /** Why a file was skipped or failed (e.g. "does not parse: ';' expected at 3:7"). */
  reason?: string;
}

/**
 * `manual`: a site the tool did not migrate and a human should look at (with the reason).
 * `kept`: a parameter deliberately kept because the evidence says it is a business id.
 * `error`: something failed (a file that does not parse, a type error the edits would add).
 * `note`: information (e.g. "@types/node missing: emitted a typing shim").
 */
export type FindingKind = 'manual' | 'kept' | 'error' | 'note';

export interface Finding {
  /** The rule (src/rules/<id>.ts) or stage ("project", "verify") that produced it. */
  ruleId: string;
  kind: FindingKind;
  /** Path relative to Config.cwd, forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** One sentence a reviewer understands without the source open. */
  message: string;
  /** 1-based end position, when the finding covers a range. */
  endLine?: number;
  endColumn?: number;
  /**
   * Stable identity for baselines: survives unrelated edits (no line numbers in it), e.g. a hash of
   * rule + enclosing declaration name + normalised code text.
   */
  fingerprint?: string;
  /**
   * --check only, on findings that fail the gate (kind `manual` or `error`): true when the baseline
   * accepts it, false when it is new. Absent on notes and outside --check.
   */
  baselined?: boolean;
}

export interface Summary {
  filesScanned: number;
  filesChanged: number;
  filesSkipped: number;
  filesFailed: number;
  paramsRemoved: number;
  callSitesUpdated: number;
  originsWrapped: number;
  otherUsesReplaced: number;
  logsConverted: number;
  manualFindings: number;
  /** --check only: findings that fail the gate (kind `manual` or `error`, not in the baseline). Exit 1 when > 0. */
  newFindings?: number;
  /** --check only: findings the baseline accepts. */
  baselinedFindings?: number;
  /** --check with a baseline: baseline entries no longer found (fixed); --update-baseline drops them. */
  fixedSinceBaseline?: number;
}

/**
 * ok: finished, everything it could prove safe is migrated (manual findings may remain).
 * partial: finished, but some files failed or edits were refused by the type check.
 * nothing-selected: no file matched the given paths.
 */
export type Outcome = 'ok' | 'partial' | 'nothing-selected';

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'trace-migrate'; version: string };
  mode: 'write' | 'dry-run' | 'check';
  outcome: Outcome;
  /** Roots relative to cwd. */
  roots: string[];
  summary: Summary;
  files: FileResult[];
  findings: Finding[];
  /** How the changed lines were laid out (absent for --check and runs that changed nothing). */
  formatting?: Formatting;
  /** The unified diff of all changes (dry-run only); `git apply` accepts it. */
  diff?: string;
  /** Wall time of the run in milliseconds. */
  durationMs: number;
}

/**
 * prettier: the project's prettier and config; file-style: prettier with options read off each
 * file (no formatter in the project); none: nothing was formatted; off: --no-format.
 */
export interface Formatting {
  formatter: 'prettier' | 'file-style' | 'none' | 'off';
  /** What was used, e.g. "prettier 3.3.3 (the project's), .prettierrc.json". */
  with: string[];
  filesFormatted: number;
}

export function emptySummary(): Summary {
  return {
    filesScanned: 0,
    filesChanged: 0,
    filesSkipped: 0,
    filesFailed: 0,
    paramsRemoved: 0,
    callSitesUpdated: 0,
    originsWrapped: 0,
    otherUsesReplaced: 0,
    logsConverted: 0,
    manualFindings: 0,
  };
}
