// `--check` and the migration agree, over every fixture case: each check finding is something the
// migration changes or reports as `manual`, never something it keeps as a business id; each change
// the migration makes in the check's two rules (a trace parameter removed, a console call
// converted) was a check finding. Findings are matched by the check's own identity (file, rule,
// enclosing names, code), which does not move when the migration shifts lines.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { afterAll, describe, expect, it } from 'vitest';
import { check, defineConfig, migrate, type Config, type Finding, type Report } from '../src/index.js';
import { consoleMethodOf } from '../src/syntax/console-calls.js';
import { discoverFixtureCases, readTree, type FixtureCase } from './support/fixture-cases.js';

const REPO_NODE_MODULES = new URL('../node_modules', import.meta.url).pathname;
const WORK_DIR = mkdtempSync(join(tmpdir(), 'trace-migrate-parity-'));

function configFor(testCase: FixtureCase, root: string): Config {
  const defaultPaths = existsSync(join(testCase.inputDir, 'src')) ? ['src'] : ['.'];
  const paths = (testCase.options.paths ?? defaultPaths).map((p) => join(root, p));
  return defineConfig({ ...(testCase.options.config as Partial<Config>), paths, cwd: root, force: true });
}


/** The check's findings with their identity: the fingerprint hashes scope and code, so it survives line shifts. */
function checkFindings(report: Report, inputFiles: ReadonlySet<string>): Finding[] {
  return report.findings.filter((f) => f.kind === 'manual' && inputFiles.has(f.file));
}

/** Per `file name`: how many parameters (or destructured parameter names) carry one of `names`. */
function traceParamCounts(root: string, files: Iterable<string>, names: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (file: string, binding: ts.BindingName) => {
    if (ts.isIdentifier(binding)) {
      if (names.has(binding.text)) counts.set(`${file} ${binding.text}`, (counts.get(`${file} ${binding.text}`) ?? 0) + 1);
      return;
    }
    for (const element of binding.elements) if (!ts.isOmittedExpression(element)) add(file, element.name);
  };
  for (const file of files) {
    const sourceFile = parse(root, file);
    const visit = (node: ts.Node): void => {
      if (ts.isParameter(node)) add(file, node.name);
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return counts;
}

/** Per file: how many console calls it has (the recognizer the log rule uses). */
function consoleCallCounts(root: string, files: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const file of files) {
    let count = 0;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && consoleMethodOf(node)) count++;
      ts.forEachChild(node, visit);
    };
    visit(parse(root, file));
    counts.set(file, count);
  }
  return counts;
}

function parse(root: string, file: string): ts.SourceFile {
  const kind = /\.[cm]?jsx?$/.test(file) ? (file.endsWith('x') ? ts.ScriptKind.JSX : ts.ScriptKind.JS) : file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true, kind);
}

const isSource = (path: string) => /\.[cm]?[jt]sx?$/.test(path) && !path.endsWith('.d.ts') && !path.includes('node_modules/');

/** The first `code` span of a message: the parameter's name in both tools' trace-params messages. */
function firstCode(message: string): string | undefined {
  return /`([^`]+)`/.exec(message)?.[1];
}

interface Disagreement {
  finding: string;
  problem: string;
}

/** Runs check, migrate, check again; returns every disagreement between the two. */
async function disagreements(testCase: FixtureCase, root: string): Promise<Disagreement[]> {
  const config = configFor(testCase, root);
  const inputFiles = new Set([...readTree(root).keys()].filter(isSource));
  const before = await check(config);
  const migration = await migrate(config);
  const after = await check(config);

  const out: Disagreement[] = [];
  const line = (f: Finding) => `${f.file}:${f.line}:${f.column} ${f.ruleId}: ${f.message}`;
  // Identity in the output: file and fingerprint (rule, scope, code, occurrence; see src/check/fingerprint.ts).
  const remaining = new Map<string, number>();
  for (const f of checkFindings(after, inputFiles)) remaining.set(`${f.file} ${f.fingerprint}`, (remaining.get(`${f.file} ${f.fingerprint}`) ?? 0) + 1);
  // A parameter's findings are placed at the parameter (the check: its name; the migration: its
  // first token, modifiers included), so they meet on file, line and name; a call's at its start.
  const place = (f: Finding) => (f.ruleId === 'trace-params' ? `${f.file}:${f.line} ${f.ruleId} ${firstCode(f.message)}` : `${f.file}:${f.line}:${f.column} ${f.ruleId}`);
  const migrationFindingAt = new Map<string, Finding[]>();
  for (const f of migration.findings) migrationFindingAt.set(place(f), [...(migrationFindingAt.get(place(f)) ?? []), f]);

  const gone = new Map<string, number>();
  for (const finding of checkFindings(before, inputFiles)) {
    const at = migrationFindingAt.get(place(finding)) ?? [];
    const keptAsBusiness = at.find((f) => f.kind === 'kept' && !f.message.includes('not proven a trace id'));
    if (keptAsBusiness) out.push({ finding: line(finding), problem: `the migration keeps it: ${keptAsBusiness.message}` });
    const identity = `${finding.file} ${finding.fingerprint}`;
    const left = remaining.get(identity) ?? 0;
    if (left > 0) remaining.set(identity, left - 1);
    // Reported by the migration (it may still edit inside, e.g. drop the id from a spread console call).
    if (at.some((f) => f.kind === 'manual' || f.kind === 'error' || f.kind === 'kept')) continue;
    if (left > 0) {
      out.push({ finding: line(finding), problem: 'the migration leaves it without a finding' });
      continue;
    }
    const key = finding.ruleId === 'trace-params' ? `${finding.file} ${firstCode(finding.message)}` : finding.file;
    gone.set(`${finding.ruleId} ${key}`, (gone.get(`${finding.ruleId} ${key}`) ?? 0) + 1);
  }

  // What the migration changed, counted from the trees themselves.
  const outputFiles = [...inputFiles].filter((f) => existsSync(join(root, f)));
  const names = new Set([...config.traceParamNames, ...config.forceTraceParams].filter((n) => !config.notTraceParams.includes(n)));
  const changed = new Map<string, number>();
  const paramsAfter = traceParamCounts(root, outputFiles, names);
  const logsAfter = consoleCallCounts(root, outputFiles);
  // The input, for counting, from the case's input folder.
  const inputRoot = testCase.inputDir;
  for (const [key, count] of traceParamCounts(inputRoot, inputFiles, names)) {
    const removed = count - (paramsAfter.get(key) ?? 0);
    if (removed > 0) changed.set(`trace-params ${key}`, removed);
  }
  for (const [file, count] of consoleCallCounts(inputRoot, inputFiles)) {
    const converted = count - (logsAfter.get(file) ?? 0);
    if (converted > 0) changed.set(`structured-logs ${file}`, converted);
  }
  for (const key of new Set([...gone.keys(), ...changed.keys()])) {
    const flagged = gone.get(key) ?? 0;
    const made = changed.get(key) ?? 0;
    if (made > flagged) out.push({ finding: key, problem: `the migration changed ${made}, --check found ${flagged}` });
    if (flagged > made) out.push({ finding: key, problem: `--check found ${flagged} that went, the migration changed ${made}` });
  }
  return out;
}

/**
 * Disagreements not fixed yet, with why (it.fails: the entry must go once the check agrees).
 * An id passed as it is to a call whose name says "key" (`redis.acquireLock(…, reqId)`) is a key for
 * the syntax-only check; the migration links the call to the callee's trace parameter in another file.
 * The console calls of an in-house logger's own write path are the other: recognising that write
 * path needs the type checker, which --check does not run.
 */
const KNOWN_DISAGREEMENTS: Record<string, string> = {
  'trace-params/expando-method-on-required-object': 'id passed to a key-named method that the type-aware analysis links to a trace parameter in another file',
  'origin-scopes/origin-behind-unlinked-call-proves-trace-id':
    'the id reaches `lockInvoice` from an expando method that a call the analysis cannot link may reach (its group keeps the id); the check, without call linking, sees an unused id parameter',
  'structured-logs/tests-reading-log-text':
    "the console calls inside an in-house logger's write path (`console.warn(message, ...args)`) are findings for the check; the migration gives that write path the id instead of converting them",
  'structured-logs/log-function-callers':
    "the console call inside a log function's write path (`console.log(`[${reqId}]`, ...args)`) is a finding for the check; the migration leaves it printing the id, now read from the context",
};

describe('check/migrate parity', () => {
  mkdirSync(WORK_DIR, { recursive: true });
  symlinkSync(REPO_NODE_MODULES, join(WORK_DIR, 'node_modules'));
  afterAll(() => rmSync(WORK_DIR, { recursive: true, force: true }));

  for (const testCase of discoverFixtureCases()) {
    const name = `${testCase.rule}/${testCase.name}`;
    (KNOWN_DISAGREEMENTS[name] ? it.fails : it)(name, async () => {
      const root = join(WORK_DIR, testCase.rule, testCase.name);
      mkdirSync(root, { recursive: true });
      cpSync(testCase.inputDir, root, { recursive: true });
      expect(await disagreements(testCase, root)).toEqual([]);
    });
  }
});
