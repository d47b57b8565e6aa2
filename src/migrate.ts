// The engine: paths ─► project ─► analyze ─► plan ─► verify ─► apply ─► report.
// It never prints and never exits: everything it has to say is in the returned Report.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ts } from 'ts-morph';
import type { Config } from './config/config.js';
import { analyze } from './analyze/analyze.js';
import { decide } from './analyze/decide.js';
import type { Facts, Reason } from './analyze/facts.js';
import { traceNamesFrom } from './analyze/trace-names.js';
import { isRuntimeModuleText, planRuntimeModules, type RuntimeModules } from './plan/runtime-module.js';
import { findNewTypeErrors, type NewTypeError } from './apply/verify.js';
import { writeChanges, renderChanges, type FileChange } from './apply/write-changes.js';
import { formatChanges } from './format/format-changes.js';
import { buildPlan, type Plan } from './plan/build-plan.js';
import { derivePlanModel } from './analyze/plan-model.js';
import { mapEditedOffsetToOriginal, OverlappingEditsError } from './syntax/text-edit.js';
import { buildProgram, type BuiltProgram } from './project/build-program.js';
import { discoverFiles } from './project/discover-files.js';
import { ensureCleanWorkTree } from './project/clean-work-tree.js';
import type { SourceText } from './syntax/source-text.js';
import { REPORT_SCHEMA_VERSION, emptySummary, type FileResult, type Finding, type Report } from './report/report.js';
import type { FindingDraft } from './rules/rule.js';
import { displayPath } from './project/display-path.js';
import { toolVersion } from './tool-info.js';

export interface Progress {
  phase: 'discover' | 'analyze' | 'plan' | 'verify' | 'write';
  done: number;
  total: number;
}

export interface MigrateHooks {
  onProgress?: (progress: Progress) => void;
}

/** How many times the plan is rebuilt after refusing units whose edits did not type-check. */
const MAX_VERIFY_ROUNDS = 6;

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

  progress('analyze', 0, 1);
  const built = buildProgram(config, discovery.files);
  for (const file of [...editableSources.values()]) {
    const sourceFile = built.program.getSourceFile(file.path);
    const syntaxErrors = sourceFile ? built.program.getSyntacticDiagnostics(sourceFile) : [];
    if (!sourceFile || syntaxErrors.length > 0) {
      editableSources.delete(file.path);
      const first = syntaxErrors[0];
      const position = first && sourceFile ? sourceFile.getLineAndCharacterOfPosition(first.start ?? 0) : { line: 0, character: 0 };
      const message = first ? ts.flattenDiagnosticMessageText(first.messageText, ' ') : 'not part of the program';
      report.files.push({ path: display(file.path), status: 'failed', reason: `does not parse: ${message} at ${position.line + 1}:${position.character + 1}` });
      report.findings.push({ ruleId: 'project', kind: 'error', file: display(file.path), line: position.line + 1, column: position.character + 1, message: `does not parse (${message}); left unchanged, and functions it calls keep their parameters` });
    }
  }
  const names = traceNamesFrom(config);
  const facts = analyze({
    program: built.program,
    checker: built.checker,
    editableSources,
    names,
    loggerNames: config.loggerNames,
    publicApiFrom: config.includePublicApi ? undefined : rootDirOf(discovery.roots[0] ?? config.cwd),
    onProgress: (d, t) => progress('analyze', d, t),
  });
  const runtime = planRuntimeModules(config, discovery.roots, discovery.files);

  const { plan, typeErrors } = planAndVerify(config, facts, built, runtime, names, display, (d, t) => progress('verify', d, t));
  const formatted = config.formatEdits ? await formatChanges(collectChanges(plan, runtime), config.cwd) : undefined;
  const changes = formatted?.changes ?? collectChanges(plan, runtime);
  report.formatting = formatted?.formatting ?? { formatter: 'off', with: [], filesFormatted: 0 };
  for (const note of formatted?.notes ?? []) report.findings.push({ ruleId: 'format', kind: 'note', file: display(note.path), line: 1, column: 1, message: note.message });

  progress('write', 0, changes.length);
  if (config.dryRun) report.diff = renderChanges(changes, config.cwd);
  else await writeChanges(changes);
  progress('write', changes.length, changes.length);

  Object.assign(report.summary, plan.counts, { filesScanned: discovery.files.length });
  const changedPaths = new Set(changes.filter((c) => c.before !== null).map((c) => c.path));
  for (const file of editableSources.values()) {
    report.files.push({ path: display(file.path), status: changedPaths.has(file.path) ? 'changed' : 'unchanged' });
  }
  report.findings.push(...plan.findings.map((draft) => toFinding(draft, config.cwd)));
  for (const error of typeErrors) report.findings.push(error);
  report.summary.filesChanged = changedPaths.size;
  report.outcome = report.files.some((f) => f.status === 'failed') || typeErrors.length > 0 ? 'partial' : 'ok';
  return finish(report, started);
}

interface VerifiedPlan {
  plan: Plan;
  /** Type errors that made the tool refuse units (as findings). */
  typeErrors: Finding[];
}

/**
 * Builds the plan, type-checks it, refuses the units whose edits add errors, and tries again.
 * Every round is rebuilt from the same facts: refusing a unit changes what others do (a log
 * keeps an id field when its parameter stays).
 */
function planAndVerify(
  config: Config,
  facts: Facts,
  built: BuiltProgram,
  runtime: RuntimeModules,
  names: ReturnType<typeof traceNamesFrom>,
  display: (absolute: string) => string,
  onProgress: (done: number, total: number) => void,
): VerifiedPlan {
  const excluded = new Map<string, Reason>();
  /** Log rewrites (`log:`/`logger:` owners) whose own text would not type-check: left as they were. */
  const refusedEdits = new Set<string>();
  const typeErrors: Finding[] = [];
  for (let round = 1; ; round++) {
    onProgress(round - 1, MAX_VERIFY_ROUNDS);
    const decisions = decide(facts, { names, excluded });
    const model = derivePlanModel(facts, decisions);
    if (model.newExclusions.size > 0) {
      for (const [key, reason] of model.newExclusions) excluded.set(key, reason);
      continue;
    }
    let plan: Plan;
    try {
      plan = buildPlan({ config, facts, decisions, model, runtimePathFor: (path) => runtime.moduleFor(path).path, compilerOptions: built.options, displayPath: display, refusedEdits });
    } catch (error) {
      if (!(error instanceof OverlappingEditsError)) throw error;
      const owners = [...error.first.owner.split(' '), ...error.second.owner.split(' ')].filter((o) => o.startsWith('trace:'));
      if (owners.length === 0 || round >= MAX_VERIFY_ROUNDS) throw error;
      for (const owner of owners) excluded.set(owner, { node: facts.components.find((c) => c.key === owner)!.slots[0]!.params[0]!.param, text: 'its edits collide with another rewrite; migrate it by hand', kind: 'manual' });
      continue;
    }
    if (!config.verify || plan.files.size === 0) return { plan, typeErrors };

    const edited = new Map([...plan.files].map(([path, edits]) => [path, edits.result()]));
    const newFiles = new Map<string, string>();
    for (const module of runtime.modules) if (plan.usedRuntimes.has(module.path) && !module.exists) newFiles.set(module.path, module.text);
    const errors = findNewTypeErrors(built.program, built.options, edited, newFiles);
    if (errors.length === 0) return { plan, typeErrors };

    const blamed = blameOwners(errors, plan, facts);
    let progressMade = false;
    for (const { error, owners } of blamed) {
      const where = originalPosition(error, plan, built.program);
      const finding: Finding = { ruleId: 'verify', kind: 'error', file: display(error.file), line: where.line, column: where.column, message: `edits refused: they would add TS${error.code}: ${error.message}` };
      if (!typeErrors.some((f) => f.file === finding.file && f.line === finding.line && f.message === finding.message)) typeErrors.push(finding);
      // An error inside a rewritten log call or logger creation: that rewrite alone stays as it was.
      const logOwners = logOwnersAt(error, plan).filter((owner) => !refusedEdits.has(owner));
      if (logOwners.length > 0) {
        for (const owner of logOwners) refusedEdits.add(owner);
        progressMade = true;
        continue;
      }
      for (const owner of owners) {
        const component = facts.components.find((c) => c.key === owner);
        if (component && !excluded.has(owner)) {
          excluded.set(owner, { node: component.slots[0]!.params[0]!.param, text: `the migrated code would not type-check (TS${error.code} at ${finding.file}:${finding.line})`, kind: 'manual' });
          progressMade = true;
        } else if ((owner.startsWith('log:') || owner.startsWith('logger:')) && !refusedEdits.has(owner)) {
          refusedEdits.add(owner);
          progressMade = true;
        }
      }
    }
    if (!progressMade || round >= MAX_VERIFY_ROUNDS) {
      // Nothing left to blame: write nothing rather than code that does not compile.
      const empty: Plan = { files: new Map(), counts: emptySummary(), findings: plan.findings, usedRuntimes: new Set<string>() };
      return { plan: empty, typeErrors };
    }
  }
}

/** Owners of the log rewrites (`log:`, `logger:`) whose edited text contains the error. */
function logOwnersAt(error: NewTypeError, plan: Plan): string[] {
  const edits = plan.files.get(error.file);
  if (!edits) return [];
  const original = mapEditedOffsetToOriginal(edits.all, error.start);
  const containing = edits.all.filter((e) => e.start <= original && original <= e.end);
  return [...new Set(containing.flatMap((e) => e.owner.split(' ')).filter((owner) => owner.startsWith('log:') || owner.startsWith('logger:')))];
}

/** Units responsible for each error: those with edits in the innermost function around it, else in the file. */
function blameOwners(errors: NewTypeError[], plan: Plan, facts: Facts): { error: NewTypeError; owners: string[] }[] {
  return errors.map((error) => {
    const edits = plan.files.get(error.file);
    if (!edits) return { error, owners: [] };
    const original = mapEditedOffsetToOriginal(edits.all, error.start);
    const sourceFile = facts.editable.get(error.file)?.sourceFile;
    let scope: ts.Node | undefined = sourceFile && findInnermost(sourceFile, original);
    while (scope && !ts.isFunctionLike(scope) && !ts.isClassLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
    const start = scope ? scope.pos : 0;
    const end = scope ? scope.end : Infinity;
    let owners = edits.ownersWithin(start, end);
    if (owners.length === 0) owners = edits.ownersWithin(0, edits.source.text.length);
    return { error, owners: [...new Set(owners)] };
  });
}

function findInnermost(root: ts.Node, pos: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node) => {
    if (pos >= node.pos && pos < node.end) {
      found = node;
      ts.forEachChild(node, visit);
    }
  };
  visit(root);
  return found;
}

/** Where an error of the edited program sits in the file as it is on disk now. */
function originalPosition(error: NewTypeError, plan: Plan, program: ts.Program): { line: number; column: number } {
  const edits = plan.files.get(error.file);
  const offset = edits ? mapEditedOffsetToOriginal(edits.all, error.start) : error.start;
  const sourceFile = program.getSourceFile(error.file);
  if (!sourceFile) return { line: 1, column: 1 };
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(Math.min(offset, sourceFile.text.length));
  return { line: line + 1, column: character + 1 };
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
