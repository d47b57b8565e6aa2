// --check: the fast CI gate. Syntax only (no type checker, no whole-program Project): discover the
// files, parse each on its own, report trace parameters and interpolated console calls, and
// compare with the baseline. Writes nothing except the baseline with updateBaseline.
//
// Files whose text cannot contain a finding (prefilter.ts) are not parsed (the price: a syntax
// error is reported only in files that could hold a finding). The rest are parsed on a worker
// thread started before discovery, which loads the parser meanwhile (scan-pool.ts).
//
// Gate: `summary.newFindings` counts the findings of kind `manual` (rule hits) or `error`
// (unreadable or unparsable files) that the baseline does not accept; the CLI exits 1 when it is
// above 0. Notes (skipped files) never fail the gate.
import { performance } from 'node:perf_hooks';
import type { Config } from '../config/config.js';
import { UsageError } from '../errors.js';
import { compareStrings, discoverFiles, type Discovery } from '../project/discover-files.js';
import { displayPath } from '../project/display-path.js';
import { emptySummary, REPORT_SCHEMA_VERSION, type FileResult, type Finding, type Report } from '../report/report.js';
import { TOOL_NAME, toolVersion } from '../tool-info.js';
import { compareWithBaseline, loadBaseline, renderBaseline, saveBaseline, toBaselineEntries, type BaselineEntry } from './baseline.js';
import { assignFingerprints } from './fingerprint.js';
import type { ScanOptions, ScanResult } from './scan-file.js';
import { startScanPool, type ScanPool } from './scan-pool.js';

export async function check(config: Config): Promise<Report> {
  const started = performance.now();
  if (config.updateBaseline && config.baselinePath === undefined) {
    throw new UsageError('--update-baseline needs a baseline file (--baseline FILE)');
  }
  // A bad baseline is a usage error: find out before scanning.
  const baseline =
    config.baselinePath === undefined
      ? undefined
      : await loadBaseline(config.baselinePath, config.cwd, { allowMissing: config.updateBaseline });

  const pool = startScanPool(scanOptionsFrom(config));
  let discovery: Discovery;
  let scan: ScannedFiles;
  try {
    discovery = await discoverFiles(config);
    scan = await scanFiles(config, discovery, pool);
  } finally {
    await pool.close();
  }
  const { files, findings } = scan;

  const gating = findings.filter(failsGate);
  const summary = {
    ...emptySummary(),
    filesScanned: scan.filesScanned,
    filesSkipped: files.filter((f) => f.status === 'skipped').length,
    filesFailed: files.filter((f) => f.status === 'failed').length,
    manualFindings: findings.filter((f) => f.kind === 'manual').length,
    newFindings: gating.length,
    baselinedFindings: 0,
  };
  for (const finding of gating) finding.baselined = false;
  let fixedSinceBaseline: number | undefined;
  if (config.baselinePath !== undefined && baseline !== undefined) {
    const comparison = await applyBaseline(config, config.baselinePath, baseline, gating);
    fixedSinceBaseline = comparison.fixedSinceBaseline;
    summary.baselinedFindings = comparison.baselined;
    summary.newFindings = gating.length - comparison.baselined;
  }

  findings.sort(compareFindings);
  files.sort((a, b) => compareStrings(a.path, b.path));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: toolVersion() },
    mode: 'check',
    outcome: discovery.files.length === 0 ? 'nothing-selected' : summary.filesFailed > 0 ? 'partial' : 'ok',
    roots: discovery.roots.map((root) => displayPath(config.cwd, root)),
    summary: fixedSinceBaseline === undefined ? summary : { ...summary, fixedSinceBaseline },
    files,
    findings,
    durationMs: Math.round(performance.now() - started),
  };
}

interface ScannedFiles {
  files: FileResult[];
  /** With their fingerprints. */
  findings: Finding[];
  filesScanned: number;
}

/** One file's part of the scan: its findings (fingerprinted), and its result when it failed. */
interface FileFindings {
  failed?: FileResult;
  findings: Finding[];
}

/**
 * Scans every discovered file: its matches, or its parse failure, as findings. Each file's findings
 * are made as its result comes back, while the threads parse the next ones: a fingerprint depends
 * on its own file's findings only (fingerprint.ts).
 */
async function scanFiles(config: Config, discovery: Discovery, pool: ScanPool): Promise<ScannedFiles> {
  const perFile: FileFindings[] = new Array(discovery.files.length);
  const toFindings = (i: number, result: ScanResult) => (perFile[i] = fileFindings(displayPath(config.cwd, discovery.files[i]!.path), result));
  const results = await pool.scan(discovery.files, toFindings);
  results.forEach((result, i) => perFile[i] ?? toFindings(i, result));
  const discoveryFindings = withFingerprints(discovery.findings.map((finding) => ({ finding, scope: [], code: finding.message })));
  return {
    files: [...discovery.fileResults, ...perFile.flatMap((file) => file.failed ?? [])],
    findings: [...discoveryFindings, ...perFile.flatMap((file) => file.findings)],
    filesScanned: perFile.filter((file) => !file.failed).length,
  };
}

function fileFindings(file: string, result: ScanResult): FileFindings {
  if (result.parseFailure) {
    const { start, count } = result.parseFailure;
    const message = result.parseFailure.message.replace(/\.$/, '');
    const more = count > 1 ? ` (and ${count - 1} more syntax error${count > 2 ? 's' : ''})` : '';
    const finding: Finding = { ruleId: 'project', kind: 'error', file, line: start.line, column: start.column, message: `Does not parse: ${message}${more}.` };
    return {
      failed: { path: file, status: 'failed', reason: `does not parse: ${message} at ${start.line}:${start.column}` },
      findings: withFingerprints([{ finding, scope: [], code: message }]),
    };
  }
  const findings = result.matches.map((match) => ({
    finding: {
      ruleId: match.ruleId,
      kind: 'manual' as const,
      file,
      line: match.start.line,
      column: match.start.column,
      endLine: match.end.line,
      endColumn: match.end.column,
      message: match.message,
    },
    scope: match.scope,
    code: match.code,
  }));
  return { findings: withFingerprints(findings) };
}

/** The findings with their fingerprints, from what identifies each (in source order within each file). */
function withFingerprints(found: readonly { finding: Finding; scope: readonly string[]; code: string }[]): Finding[] {
  const fingerprints = assignFingerprints(found.map(({ finding, scope, code }) => ({ file: finding.file, ruleId: finding.ruleId, scope, code })));
  return found.map(({ finding }, i) => ({ ...finding, fingerprint: fingerprints[i] }));
}

/**
 * Marks the gating findings the baseline accepts (all of them when updating it, after saving
 * today's state); returns how many it accepts and how many of its entries are gone.
 */
async function applyBaseline(config: Config, baselinePath: string, baseline: readonly BaselineEntry[], gating: Finding[]): Promise<{ baselined: number; fixedSinceBaseline: number }> {
  const current = toBaselineEntries(gating, config.cwd, baselinePath);
  const comparison = compareWithBaseline(current, baseline);
  if (config.updateBaseline) {
    await saveBaseline(baselinePath, renderBaseline(current));
    for (const finding of gating) finding.baselined = true;
  } else {
    gating.forEach((finding, i) => (finding.baselined = comparison.inBaseline[i]));
  }
  return { baselined: gating.filter((f) => f.baselined).length, fixedSinceBaseline: comparison.gone.length };
}

export function scanOptionsFrom(config: Config): ScanOptions {
  const excluded = new Set(config.notTraceParams);
  return {
    traceParamNames: new Set(config.traceParamNames.filter((name) => !excluded.has(name))),
    logScope: config.logScope,
  };
}

function failsGate(finding: Finding): boolean {
  return finding.kind === 'manual' || finding.kind === 'error';
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}
