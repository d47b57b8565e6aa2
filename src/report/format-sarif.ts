// SARIF 2.1.0 for code-scanning tools (GitHub's upload-sarif among them). Findings become
// results; skipped and failed files become tool execution notifications.
import { pathToFileURL } from 'node:url';
import { hasBaselineInfo, isBaselined } from './finding-state.js';
import { RULE_DESCRIPTIONS } from './rule-descriptions.js';
import type { FormatContext } from './format-context.js';
import type { Finding, FindingKind, Report } from './report.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Key under `partialFingerprints`; bump the version if the fingerprint recipe changes. */
export const SARIF_FINGERPRINT_KEY = 'traceMigrateFingerprint/v1';

const LEVELS: Record<FindingKind, 'error' | 'warning' | 'note'> = {
  error: 'error',
  manual: 'warning',
  kept: 'note',
  note: 'note',
};

export function formatSarif(report: Report, ctx: FormatContext): string {
  const ruleIds = [...new Set(report.findings.map((finding) => finding.ruleId))].sort();
  const withBaseline = hasBaselineInfo(report);
  const notifications = report.files
    .filter((file) => file.status === 'skipped' || file.status === 'failed')
    .map((file) => ({
      level: file.status === 'failed' ? 'error' : 'note',
      message: { text: `${file.status}: ${file.reason ?? 'no reason given'}` },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(file.path) } }],
    }));

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: ruleIds.map((id) => ({ id, ...(RULE_DESCRIPTIONS[id] ? { shortDescription: { text: RULE_DESCRIPTIONS[id] } } : {}) })),
          },
        },
        invocations: [
          {
            executionSuccessful: report.outcome !== 'nothing-selected',
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        ...(ctx.cwd ? { originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(ctx.cwd.endsWith('/') ? ctx.cwd : `${ctx.cwd}/`).href } } } : {}),
        // Finding columns come from the TypeScript AST, which counts UTF-16 code units.
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((finding) => result(finding, ruleIds.indexOf(finding.ruleId), withBaseline)),
        properties: {
          mode: report.mode,
          outcome: report.outcome,
          roots: report.roots,
          summary: report.summary,
          durationMs: report.durationMs,
        },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function result(finding: Finding, ruleIndex: number, withBaseline: boolean) {
  const region: Record<string, number> = { startLine: finding.line, startColumn: finding.column };
  if (finding.endLine !== undefined) region.endLine = finding.endLine;
  if (finding.endColumn !== undefined) region.endColumn = finding.endColumn;
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVELS[finding.kind],
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(finding.file), region } }],
    ...(finding.fingerprint ? { partialFingerprints: { [SARIF_FINGERPRINT_KEY]: finding.fingerprint } } : {}),
    ...(withBaseline ? { baselineState: isBaselined(finding) ? 'unchanged' : 'new' } : {}),
    properties: { kind: finding.kind },
  };
}

/** Report paths are relative to the run's cwd (normally the repository root): %SRCROOT%. */
function artifactLocation(path: string) {
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}
