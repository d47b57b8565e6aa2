// The engine: paths ─► project ─► analyze ─► plan ─► verify ─► apply ─► report.
// It never prints and never exits: everything it has to say is in the returned Report.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
// First: TypeScript loads through the code cache before anything else can require it.
import { saveTypeScriptCodeCache, ts } from './syntax/typescript.js';
import type { Config } from './config/config.js';
import { analyze } from './analyze/analyze.js';
import { traceNamesFrom } from './analyze/trace-names.js';
import { isRuntimeModuleText, planRuntimeModules, programHasNodeTypes, type RuntimeModules } from './plan/runtime-module.js';
import { writeChanges, renderChanges, type FileChange } from './apply/write-changes.js';
import { collectGarbage } from './collect-garbage.js';
import { formatChanges, type FromProgramParse } from './format/format-changes.js';
import { linesWrittenInPlace, type WrittenInPlace } from './format/lines-written-in-place.js';
import { fileStyleOptions } from './format/file-style.js';
import type { PrettierOptions } from './format/load-prettier.js';
import { runtimeModuleLintNotes } from './format/runtime-lint-note.js';
import type { Plan } from './plan/build-plan.js';
import { planWithRefusals } from './plan/plan-with-refusals.js';
import { buildProgram } from './project/build-program.js';
import { discoverFiles } from './project/discover-files.js';
import { projectDirOf, readOutsideFiles } from './project/outside-files.js';
import { ensureCleanWorkTree } from './project/clean-work-tree.js';
import type { SourceText } from './syntax/source-text.js';
import { REPORT_SCHEMA_VERSION, emptySummary, type FileResult, type Finding, type Report } from './report/report.js';
import type { FindingDraft } from './rules/rule.js';
import { displayPath } from './project/display-path.js';
import { toolVersion } from './tool-info.js';
import { verifyPlan } from './verify/verify-plan.js';

export interface Progress {
  phase: 'discover' | 'analyze' | 'plan' | 'verify' | 'write';
  done: number;
  total: number;
}

export interface MigrateHooks {
  onProgress?: (progress: Progress) => void;
}

export async function migrate(input: Config, hooks: MigrateHooks = {}): Promise<Report> {
  const started = Date.now();
  const config = withAbsolutePaths(input);
  const progress = (phase: Progress['phase'], done: number, total: number) => hooks.onProgress?.({ phase, done, total });
  const display = (absolute: string) => displayPath(config.cwd, absolute);

  progress('discover', 0, 1);
  const discovery = await discoverFiles(config);
  progress('discover', 1, 1);
  const report = newReport(config, discovery.roots.map(display));
  report.files.push(...discovery.fileResults);
  report.findings.push(...discovery.findings);
  report.summary.filesScanned = discovery.files.length;
  if (discovery.files.length === 0) {
    report.outcome = 'nothing-selected';
    return finish(report, started);
  }
  if (!config.dryRun && !config.force) await ensureCleanWorkTree(discovery.roots, config.cwd);

  // The runtime module of an earlier run is context, never edited or migrated.
  const editableSources = new Map<string, SourceText>();
  for (const file of discovery.files) if (!isRuntimeModuleText(file.text)) editableSources.set(file.path, file);

  // Everything that needs the program happens in planChanges: once it returns, the program, the
  // checker and the analysis are garbage, so the format stage's memory does not add to theirs.
  const planned = planChanges(config, discovery, editableSources, report, progress);
  saveTypeScriptCodeCache();
  if (config.formatEdits && planned.changes.length > 0) collectGarbage();
  const formatted = config.formatEdits ? await formatChanges(planned.changes, config.cwd, planned.fromParse) : undefined;
  const changes = formatted?.changes ?? planned.changes;
  report.formatting = formatted?.formatting ?? { formatter: 'off', with: [], filesFormatted: 0 };
  const lintNotes = runtimeModuleLintNotes(planned.usedRuntimeModules);
  for (const note of [...(formatted?.notes ?? []), ...lintNotes]) report.findings.push({ ruleId: 'format', kind: 'note', file: display(note.path), line: 1, column: 1, message: note.message });

  progress('write', 0, changes.length);
  if (config.dryRun) report.diff = renderChanges(changes, config.cwd);
  else await writeChanges(changes);
  progress('write', changes.length, changes.length);

  Object.assign(report.summary, planned.counts, { filesScanned: discovery.files.length });
  const changedPaths = new Set(changes.filter((c) => c.before !== null).map((c) => c.path));
  for (const file of editableSources.values()) {
    report.files.push({ path: display(file.path), status: changedPaths.has(file.path) ? 'changed' : 'unchanged' });
  }
  report.findings.push(...planned.findings);
  for (const error of planned.typeErrors) report.findings.push(error);
  report.summary.filesChanged = changedPaths.size;
  report.outcome = report.files.some((f) => f.status === 'failed') || planned.typeErrors.length > 0 ? 'partial' : 'ok';
  return finish(report, started);
}

/** What the program-wide stages leave for the rest of the run: plain data, no syntax trees. */
interface PlannedChanges {
  changes: FileChange[];
  /** What the format stage needs from the program's parse of each edited file. */
  fromParse: FromProgramParse;
  counts: Report['summary'];
  findings: Finding[];
  typeErrors: Finding[];
  usedRuntimeModules: RuntimeModules['modules'];
}

/** project ─► analyze ─► plan ─► verify: the verified edits, as texts. */
function planChanges(
  config: Config,
  discovery: Awaited<ReturnType<typeof discoverFiles>>,
  editableSources: Map<string, SourceText>,
  report: Report,
  progress: (phase: Progress['phase'], done: number, total: number) => void,
): PlannedChanges {
  const display = (absolute: string) => displayPath(config.cwd, absolute);
  progress('analyze', 0, 1);
  const built = buildProgram(config, discovery.files);
  dropUnparsableFiles(editableSources, built.program, report, display);
  const names = traceNamesFrom(config);
  const projectDir = projectDirOf(built.tsconfigPath, discovery.roots[0] ?? config.cwd);
  const outsideFiles = readOutsideFiles(projectDir, discovery.roots, (path) => built.program.getSourceFile(path) !== undefined, config.maxFileBytes);
  const facts = analyze({
    program: built.program,
    checker: built.checker,
    editableSources,
    names,
    loggerNames: config.loggerNames,
    outsideFiles,
    displayPath: display,
    publicApiFrom: config.includePublicApi ? undefined : [rootDirOf(discovery.roots[0] ?? config.cwd), ...new Set(discovery.files.map((f) => dirname(f.path)))],
    onProgress: (d, t) => progress('analyze', d, t),
  });
  const runtime = planRuntimeModules(config, discovery.roots, discovery.files, programHasNodeTypes(built.checker));

  const { plan, typeErrors } = verifyPlan({
    facts,
    program: built.program,
    options: built.options,
    diskProbes: built.diskProbes,
    planWith: (refusals) => planWithRefusals(facts, { config, names, runtimePathFor: (path) => runtime.moduleFor(path).path, compilerOptions: built.options, displayPath: display }, refusals),
    newFilesOf: (plan) => new Map(runtime.modules.filter((m) => plan.usedRuntimes.has(m.path) && !m.exists).map((m) => [m.path, m.text])),
    verify: config.verify,
    display,
    onProgress: (d, t) => progress('verify', d, t),
  });
  const changes = collectChanges(plan, runtime);
  return {
    changes,
    fromParse: config.formatEdits ? readForFormat(changes, plan, built.program) : {},
    counts: plan.counts,
    findings: plan.findings.map((draft) => toFinding(draft, config.cwd)),
    typeErrors,
    usedRuntimeModules: runtime.modules.filter((m) => plan.usedRuntimes.has(m.path)),
  };
}

/** Each edited file's own style and, where its edits keep its layout, the lines they wrote. */
function readForFormat(changes: readonly FileChange[], plan: Plan, program: ts.Program): FromProgramParse {
  const ownStyles = new Map<string, PrettierOptions>();
  const writtenInPlace = new Map<string, WrittenInPlace>();
  for (const change of changes) {
    const file = change.before !== null ? program.getSourceFile(change.path) : undefined;
    if (!file || file.text !== change.before) continue;
    const style = fileStyleOptions(file, {});
    ownStyles.set(change.path, style);
    const edits = plan.files.get(change.path)?.all;
    const lines = edits && linesWrittenInPlace(file, edits, change.after, style);
    if (lines) writtenInPlace.set(change.path, lines);
  }
  return { ownStyles, writtenInPlace };
}

/** Files that do not parse stay as they are (reported as failed); the functions they call keep their parameters. */
function dropUnparsableFiles(editableSources: Map<string, SourceText>, program: ts.Program, report: Report, display: (absolute: string) => string): void {
  for (const file of [...editableSources.values()]) {
    const sourceFile = program.getSourceFile(file.path);
    const syntaxErrors = sourceFile ? program.getSyntacticDiagnostics(sourceFile) : [];
    if (sourceFile && syntaxErrors.length === 0) continue;
    editableSources.delete(file.path);
    const first = syntaxErrors[0];
    const position = first && sourceFile ? sourceFile.getLineAndCharacterOfPosition(first.start ?? 0) : { line: 0, character: 0 };
    const message = first ? ts.flattenDiagnosticMessageText(first.messageText, ' ') : 'not part of the program';
    report.files.push({ path: display(file.path), status: 'failed', reason: `does not parse: ${message} at ${position.line + 1}:${position.character + 1}` });
    report.findings.push({ ruleId: 'project', kind: 'error', file: display(file.path), line: position.line + 1, column: position.character + 1, message: `does not parse (${message}); left unchanged, and functions it calls keep their parameters` });
  }
}

function collectChanges(plan: Plan, runtime: RuntimeModules): FileChange[] {
  const changes: FileChange[] = [];
  for (const [path, edits] of plan.files) {
    const after = edits.result();
    if (after !== edits.source.text) changes.push({ path, before: edits.source.text, after, source: edits.source });
  }
  for (const module of runtime.modules) if (plan.usedRuntimes.has(module.path) && !module.exists) changes.push({ path: module.path, before: null, after: module.text });
  return changes.sort((a, b) => a.path.localeCompare(b.path));
}

function toFinding(draft: FindingDraft, cwd: string): Finding {
  const file = draft.node.getSourceFile();
  const start = draft.node.getStart(file);
  const { line, character } = file.getLineAndCharacterOfPosition(start);
  const end = file.getLineAndCharacterOfPosition(draft.node.end);
  return {
    ruleId: draft.ruleId,
    kind: draft.kind,
    file: displayPath(cwd, file.fileName),
    line: line + 1,
    column: character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    message: draft.message.split(`${cwd}/`).join(''),
  };
}

function rootDirOf(root: string): string {
  return existsSync(root) && statSync(root).isDirectory() ? root : dirname(root);
}

/** Library callers may pass relative paths: everything below works with absolute ones. */
function withAbsolutePaths(config: Config): Config {
  const cwd = resolve(config.cwd);
  const at = (p: string | undefined) => (p === undefined ? undefined : resolve(cwd, p));
  return { ...config, cwd, paths: config.paths.map((p) => resolve(cwd, p)), runtimeModulePath: at(config.runtimeModulePath), tsconfigPath: at(config.tsconfigPath), baselinePath: at(config.baselinePath) };
}

function newReport(config: Config, roots: string[]): Report {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'trace-migrate', version: toolVersion() },
    mode: config.dryRun ? 'dry-run' : 'write',
    outcome: 'ok',
    roots,
    summary: emptySummary(),
    files: [] as FileResult[],
    findings: [],
    durationMs: 0,
  };
}

function finish(report: Report, started: number): Report {
  report.summary.filesSkipped = report.files.filter((f) => f.status === 'skipped').length;
  report.summary.filesFailed = report.files.filter((f) => f.status === 'failed').length;
  report.summary.manualFindings = report.findings.filter((f) => f.kind === 'manual').length;
  report.files.sort((a, b) => a.path.localeCompare(b.path));
  report.findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  report.durationMs = Date.now() - started;
  return report;
}
