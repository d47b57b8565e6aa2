#!/usr/bin/env node
// The real-code evaluation (issue 9): for each pinned public service, check out its commit from the
// local mirror into a scratch directory, install it, run its own typecheck/lint/tests, migrate it with
// this repo's built bin, run them again, and print one table. Not part of CI (it needs the mirrors and
// the npm registry). Usage: npm run bench:real [-- --only a,b] [--work DIR] [--skip-checks] [--fresh-before]
// [--render results.json,…] (print the table from saved results only)
import { readFileSync, writeFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { checkout, install } from './lib/checkout.mjs';
import { runCommand, typecheckCounts, lintCounts, testCounts, newLintProblems } from './lib/commands.mjs';
import { scanTree } from './lib/scan.mjs';
import { compareParams, arityCheck, reviewerScore } from './lib/measure.mjs';
import { renderTable, renderDetails } from './lib/table.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const bin = join(repoRoot, 'bin', 'trace-migrate.js');

function parseArgs(argv) {
  const args = { only: null, work: process.env.TRACE_MIGRATE_REAL_WORK ?? '/tmp/trace-migrate-real', skipChecks: false, freshBefore: false, list: join(here, 'services.json') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only') args.only = argv[++i].split(',');
    else if (a === '--work') args.work = resolve(argv[++i]);
    else if (a === '--skip-checks') args.skipChecks = true;
    else if (a === '--fresh-before') args.freshBefore = true;
    else if (a === '--list') args.list = resolve(argv[++i]);
    else if (a === '--render') args.render = argv[++i].split(',').map((f) => resolve(f));
    else throw new Error(`unknown option ${a}`);
  }
  return args;
}

const MINUTE = 60_000;
const say = (msg) => process.stderr.write(`[bench:real ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

/** Runs the service's typecheck, lint and test commands (each null-able) and reads their counts. */
async function runChecks(service, dir, label) {
  const limit = (service.timeoutMinutes ?? 10) * MINUTE;
  const out = {};
  for (const [kind, read] of [['typecheck', typecheckCounts], ['lint', lintCounts], ['test', testCounts]]) {
    const command = service[kind];
    if (!command) { out[kind] = null; continue; }
    say(`${service.name}: ${kind} (${label})`);
    const result = await runCommand(command, dir, limit);
    out[kind] = { ...read(result, dir), code: result.code, timedOut: result.timedOut, seconds: result.seconds, tail: result.output.slice(-3000) };
  }
  return out;
}

async function migrate(service, dir) {
  mkdirSync(join(dir, '.bench-real'), { recursive: true });
  const reportPath = join(dir, '.bench-real', 'report.json');
  rmSync(reportPath, { force: true }); // never read a previous run's report
  const command = ['node', JSON.stringify(bin), ...service.paths.map((p) => JSON.stringify(p)), '--force', '--format', 'json', '--output', '.bench-real/report.json'].join(' ');
  say(`${service.name}: migrating (${service.paths.join(' ')})`);
  const result = await runCommand(command, dir, (service.migrateTimeoutMinutes ?? 15) * MINUTE);
  let report = null;
  if (existsSync(reportPath)) {
    try { report = JSON.parse(readFileSync(reportPath, 'utf8')); } catch { report = null; }
  }
  return { code: result.code, timedOut: result.timedOut, seconds: result.seconds, report, output: result.output.slice(-3000) };
}

/** What a run that wrote no report said last (its error), on one line. */
function lastLine(output) {
  const line = (output ?? '').split('\n').map((l) => l.trim()).filter(Boolean).pop() ?? '(no output)';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

async function textReportLines(report) {
  if (!report) return null;
  const { formatReport } = await import(join(repoRoot, 'dist', 'src', 'index.js'));
  const text = formatReport(report, 'text', { color: false });
  return text.split('\n').filter((l) => l.trim() !== '').length;
}

async function evaluate(service, args, traceNames) {
  const row = { name: service.name, shape: service.shape, repo: service.repo, commit: service.commit };
  const { dir } = checkout(service, args.work);
  row.dir = dir;
  say(`${service.name}: installing (${service.install})`);
  const installed = await install(service, dir, (service.installTimeoutMinutes ?? 20) * MINUTE);
  row.install = { ok: installed.ok, seconds: installed.seconds, timedOut: installed.timedOut };
  if (!installed.ok) row.install.tail = (installed.output ?? '').slice(-2000);

  // Before: the pinned tree never changes, so its check results are cached per commit and command set.
  const beforeCache = join(args.work, `${service.name}.before.json`);
  // Version 2: lint problems are keyed by relative paths (see lintCounts).
  const cacheKey = JSON.stringify([2, service.commit, service.typecheck, service.lint, service.test, row.install.ok]);
  if (args.skipChecks) row.before = {};
  else if (!args.freshBefore && existsSync(beforeCache) && JSON.parse(readFileSync(beforeCache, 'utf8')).key === cacheKey) {
    row.before = JSON.parse(readFileSync(beforeCache, 'utf8')).checks;
  } else {
    row.before = await runChecks(service, dir, 'before');
    writeFileSync(beforeCache, JSON.stringify({ key: cacheKey, checks: row.before }, null, 2));
  }
  const before = scanTree(dir, service.paths, traceNames);

  row.migration = await migrate(service, dir);
  const report = row.migration.report;
  const after = scanTree(dir, service.paths, traceNames);
  const diff = execFileSync('git', ['diff'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  writeFileSync(join(args.work, `${service.name}.diff`), diff);
  execFileSync('git', ['add', '-N', '.'], { cwd: dir });
  row.diffStat = execFileSync('git', ['diff', '--shortstat'], { cwd: dir, encoding: 'utf8' }).trim();

  row.after = args.skipChecks ? {} : await runChecks(service, dir, 'after');
  row.newLint = newLintProblems(row.before?.lint, row.after?.lint);
  row.params = compareParams(before, after, report);
  row.arity = arityCheck(row.params, after);
  row.reviewer = reviewerScore(row.params, service.reviewer);
  row.logs = { before: before.logs.length, after: after.logs.length, converted: report?.summary.logsConverted ?? null };
  row.summary = report?.summary ?? null;
  row.outcome = report?.outcome ?? `no report (exit ${row.migration.code}${row.migration.timedOut ? ', timed out' : ''}): ${lastLine(row.migration.output)}`;
  row.reportLines = await textReportLines(report);
  row.findingsByKind = {};
  for (const f of report?.findings ?? []) row.findingsByKind[f.kind] = (row.findingsByKind[f.kind] ?? 0) + 1;
  return row;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.render) {
    // Re-print one table from saved results (e.g. services measured in separate runs).
    const saved = args.render.map((f) => JSON.parse(readFileSync(f, 'utf8')));
    const tools = [...new Set(saved.map((s) => s.tool))].join(', ');
    process.stdout.write(`Real-code table (trace-migrate ${tools})\n\n${renderTable(saved.flatMap((s) => s.rows))}\n\n${renderDetails(saved.flatMap((s) => s.rows))}\n`);
    return;
  }
  if (!existsSync(join(repoRoot, 'dist', 'src', 'cli', 'main.js'))) throw new Error('build the tool first: npm run build');
  const { DEFAULT_TRACE_PARAM_NAMES } = await import(join(repoRoot, 'dist', 'src', 'index.js'));
  const list = JSON.parse(readFileSync(args.list, 'utf8')).services.filter((s) => !args.only || args.only.includes(s.name));
  mkdirSync(args.work, { recursive: true });
  const tool = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  const rows = [];
  for (const service of list) {
    try {
      rows.push(await evaluate(service, args, service.traceParamNames ?? DEFAULT_TRACE_PARAM_NAMES));
    } catch (err) {
      say(`${service.name}: ${err.message}`);
      rows.push({ name: service.name, shape: service.shape, repo: service.repo, error: err.message });
    }
    const resultsName = args.only ? `results-${args.only.join('+')}.json` : 'results.json';
    writeFileSync(join(args.work, resultsName), JSON.stringify({ tool, rows }, null, 2));
  }
  process.stdout.write(`Real-code table (trace-migrate ${tool}; scratch ${args.work})\n\n`);
  process.stdout.write(renderTable(rows) + '\n\n');
  process.stdout.write(renderDetails(rows) + '\n');
}

main().catch((err) => {
  process.stderr.write(`bench:real: ${err.message}\n`);
  process.exitCode = 2;
});
