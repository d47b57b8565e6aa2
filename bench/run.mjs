#!/usr/bin/env node
// `npm run bench`: every benchmark, in one run, on this machine. Run `npm run build` first.
//
//   node bench/run.mjs [--sizes 500,2000] [--runs 1] [--check-files 8000] [--check-runs 3]
//                      [--skip migrate,check,logger]
//
//   migrate  trace-migrate --dry-run (the built bin, as a user runs it) next to `tsc --noEmit`
//            (the repository's TypeScript) on the same generated corpus, per size: wall time,
//            files/s, peak memory, and trace-migrate / tsc ratios. The migration does everything
//            tsc does (it type-checks the program before and after editing it) plus the analysis.
//   check    bench/check-vs-tsc.mjs: --check on the 8000-file corpus next to tsc (budget: 0.1 on 8000 files, 0.15 below).
//   logger   bench/logger-cost.mjs: cost per call of the emitted logger vs console.log.
//
// Corpora are generated once into .bench/corpus-<files> (gitignored). Every measurement is a fresh
// child process timed from spawn to exit; the median of --runs runs is shown. Exit code: 1 when a
// part failed or --check is over its budget, 2 on bad options.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCorpus, measureNode, mebibytes, median, REPO, requireBuild, seconds, TSC } from './measure-child.mjs';

const PARTS = ['migrate', 'check', 'logger'];
const BIN = path.join(REPO, 'bin/trace-migrate.js');

const options = readOptions();
requireBuild();
console.log(`trace-migrate benchmarks: Node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'CPU'}, ${os.platform()} ${os.arch()}\n`);

let failed = false;
if (!options.skip.has('migrate')) failed = !(await migrateVersusTsc(options.sizes, options.runs)) || failed;
if (!options.skip.has('check')) failed = !runScript('check-vs-tsc.mjs', ['--files', String(options.checkFiles), '--runs', String(options.checkRuns)]) || failed;
if (!options.skip.has('logger')) failed = !runScript('logger-cost.mjs', []) || failed;
process.exitCode = failed ? 1 : 0;

function readOptions() {
  try {
    const { values } = parseArgs({
      options: {
        sizes: { type: 'string', default: '500,2000' },
        runs: { type: 'string', default: '1' },
        'check-files': { type: 'string', default: '8000' },
        'check-runs': { type: 'string', default: '3' },
        skip: { type: 'string', default: '' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      console.log('usage: node bench/run.mjs [--sizes 500,2000] [--runs 1] [--check-files 8000] [--check-runs 3] [--skip migrate,check,logger]');
      process.exit(0);
    }
    const sizes = values.sizes.split(',').filter(Boolean).map(Number);
    const skip = new Set(values.skip.split(',').filter(Boolean));
    if (sizes.some((n) => !Number.isInteger(n) || n < 20)) throw new Error(`--sizes takes whole numbers of at least 20 (got "${values.sizes}")`);
    for (const flag of ['runs', 'check-files', 'check-runs']) {
      if (!/^[1-9]\d*$/.test(values[flag])) throw new Error(`--${flag} takes a whole number above 0 (got "${values[flag]}")`);
    }
    const counts = { runs: Number(values.runs), checkFiles: Number(values['check-files']), checkRuns: Number(values['check-runs']) };
    const unknown = [...skip].filter((part) => !PARTS.includes(part));
    if (unknown.length > 0) throw new Error(`--skip takes ${PARTS.join(', ')} (got "${unknown.join(',')}")`);
    return { sizes, skip, ...counts };
  } catch (error) {
    console.error(`bench: ${error.message}`);
    process.exit(2);
  }
}

/** The migration (dry run) and tsc on each corpus; prints one table. False when a run failed. */
async function migrateVersusTsc(sizes, runs) {
  console.log(`== trace-migrate --dry-run vs tsc --noEmit (same corpus, median of ${runs} run(s) each) ==`);
  const rows = [];
  for (const size of sizes) {
    const corpus = ensureCorpus(size);
    const migrations = [];
    const tscs = [];
    let changed;
    for (let run = 0; run < runs; run++) {
      // --format json: the report (on stderr in a dry run) says how much was migrated; the patch
      // on stdout is discarded (a pipe that drains it costs the same as a file would).
      const migration = await measureNode([BIN, 'src', '--dry-run', '--format', 'json', '--no-progress'], { cwd: corpus, keepStdout: false });
      if (migration.exitCode !== 0 && migration.exitCode !== 1) return fail(`trace-migrate on ${size} files exited ${migration.exitCode}:\n${migration.stderr}`);
      const report = JSON.parse(migration.stderr);
      changed = report.summary.filesChanged;
      migrations.push(migration);
      const tsc = await measureNode([TSC, '--noEmit', '-p', corpus], { cwd: corpus });
      if (tsc.exitCode !== 0) return fail(`tsc --noEmit on ${size} files exited ${tsc.exitCode}:\n${tsc.stdout}${tsc.stderr}`);
      tscs.push(tsc);
    }
    rows.push({ size, changed, migrate: medians(migrations), tsc: medians(tscs) });
  }
  printMigrateTable(rows);
  return true;
}

function medians(runs) {
  return { wallMs: median(runs.map((r) => r.wallMs)), maxRssKb: median(runs.map((r) => r.maxRssKb)) };
}

function printMigrateTable(rows) {
  const perSecond = (files, ms) => (files / (ms / 1000)).toFixed(1);
  const table = [
    ['files', 'changed', 'trace-migrate', 'files/s', 'peak', 'tsc --noEmit', 'files/s', 'peak', 'time ratio', 'memory ratio'],
    ...rows.map(({ size, changed, migrate, tsc }) => [
      String(size),
      String(changed),
      seconds(migrate.wallMs),
      perSecond(size, migrate.wallMs),
      mebibytes(migrate.maxRssKb),
      seconds(tsc.wallMs),
      perSecond(size, tsc.wallMs),
      mebibytes(tsc.maxRssKb),
      `${(migrate.wallMs / tsc.wallMs).toFixed(2)}x`,
      `${(migrate.maxRssKb / tsc.maxRssKb).toFixed(2)}x`,
    ]),
  ];
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  for (const row of table) console.log(row.map((cell, column) => cell.padStart(widths[column])).join('  '));
  console.log('(ratio = trace-migrate / tsc; wall time includes Node startup; peak = max RSS of the process)\n');
}

/** Another benchmark script of this folder, its output shown as is. False when it failed. */
function runScript(script, args) {
  console.log(`== node bench/${script} ${args.join(' ')} ==`);
  const { status } = spawnSync(process.execPath, [path.join(REPO, 'bench', script), ...args], { stdio: 'inherit' });
  console.log();
  if (status !== 0) console.error(`bench: ${script} exited ${status}${script === 'check-vs-tsc.mjs' && status === 1 ? ' (over budget)' : ''}`);
  return status === 0;
}

function fail(message) {
  console.error(`bench: ${message}`);
  return false;
}
