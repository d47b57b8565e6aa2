#!/usr/bin/env node
// `--check` against `tsc --noEmit` on the same generated corpus, in the same run (issue 5: the
// check must take at most 0.15 of tsc's time on 2000 files and 0.1 on 8000, issue 12). Run `npm run build` first.
//
//   node bench/check-vs-tsc.mjs [--files 8000] [--runs 3] [--corpus DIR]
//
// The corpus is generated once into .bench/corpus-<files> (gitignored). Each measurement is a
// fresh child process running the built bin, `trace-migrate src --check --format json` in the
// corpus (startup, module loading and the report included, as a user would see it), timed from
// spawn to exit; its peak memory and CPU time are reported by the child itself. Runs alternate
// check / tsc so machine noise hits both; the median of each is compared. Exit code 1 when over
// the budget.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ensureCorpus, measureNode, mebibytes, median, REPO as repo, requireBuild, seconds, TSC as tsc } from './measure-child.mjs';

const CPU_HOOK = path.join(repo, 'bench/cpu-on-exit.cjs');
const CPU_LINE = /\n?@@bench-cpu-us (\d+) (\d+)\n/;
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};

await main();

async function main() {
  const fileCount = Number(option('--files', '8000'));
  const runs = Number(option('--runs', '3'));
  requireBuild();
  const corpus = ensureCorpus(fileCount, path.resolve(option('--corpus', path.join(repo, '.bench', `corpus-${fileCount}`))));

  const checks = [];
  const tscs = [];
  console.log(`corpus: ${path.relative(process.cwd(), corpus) || '.'} (${fileCount} files), ${runs} run(s) each`);
  // The first check run without one writes it (src/syntax/typescript.ts); the median hides that run.
  console.log(`TypeScript code cache: ${hasCodeCache() ? 'present' : 'absent (the first check run writes it)'}\n`);
  for (let run = 1; run <= runs; run++) {
    // Exit 1 is the gate failing on the corpus's findings; anything else is the tool failing.
    const checkRun = await measureWithCpu([path.join(repo, 'bin/trace-migrate.js'), 'src', '--check', '--format', 'json'], { cwd: corpus });
    if (checkRun.exitCode !== 0 && checkRun.exitCode !== 1) fail(`check failed (exit ${checkRun.exitCode}):\n${checkRun.stderr}`);
    const report = JSON.parse(checkRun.stdout);
    checks.push(checkRun);
    console.log(`run ${run}  check          ${line(checkRun, report.summary.filesScanned)}  (${report.findings.length} findings)`);
    const tscRun = await measureWithCpu([tsc, '--noEmit', '-p', corpus]);
    if (tscRun.exitCode !== 0) fail(`tsc --noEmit failed (exit ${tscRun.exitCode}):\n${tscRun.stdout}${tscRun.stderr}`);
    tscs.push(tscRun);
    console.log(`run ${run}  tsc --noEmit   ${line(tscRun, fileCount)}`);
  }

  const checkMs = median(checks.map((r) => r.wallMs));
  const tscMs = median(tscs.map((r) => r.wallMs));
  const ratio = checkMs / tscMs;
  // CPU time is steadier than wall time on a shared machine: shown, the budget is on wall time.
  const checkCpu = median(checks.map((r) => r.cpuMs));
  const tscCpu = median(tscs.map((r) => r.cpuMs));
  console.log(`\nmedian CPU (user+sys): check ${seconds(checkCpu)}, tsc --noEmit ${seconds(tscCpu)}; ratio ${(checkCpu / tscCpu).toFixed(3)}`);
  // Start-up (loading TypeScript) weighs less on a large corpus, so the budget is tighter there.
  const budget = fileCount >= 8000 ? 0.1 : 0.15;
  console.log(
    `median: check ${seconds(checkMs)}, tsc --noEmit ${seconds(tscMs)}; ratio ${ratio.toFixed(3)} (budget <= ${budget}): ${ratio <= budget ? 'OK' : 'OVER BUDGET'}`,
  );
  if (ratio > budget) process.exitCode = 1;
}

/** measureNode, plus the child's CPU time (cpu-on-exit.cjs) as `cpuMs`. */
async function measureWithCpu(args, options) {
  const run = await measureNode(['--require', CPU_HOOK, ...args], options);
  const cpu = CPU_LINE.exec(run.stderr);
  return { ...run, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) / 1000 : NaN, stderr: run.stderr.replace(CPU_LINE, '') };
}

function line(run, files) {
  const perSecond = Math.round(files / (run.wallMs / 1000));
  return `${seconds(run.wallMs).padStart(8)}  ${String(perSecond).padStart(6)} files/s  cpu ${seconds(run.cpuMs)}  peak ${mebibytes(run.maxRssKb)}`;
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

/** A code cache in the bin's default folder (TRACE_MIGRATE_CACHE_DIR, if set, is the child's too). */
function hasCodeCache() {
  const dir = process.env.TRACE_MIGRATE_CACHE_DIR || path.join(repo, 'node_modules/.cache/trace-migrate');
  return process.env.TRACE_MIGRATE_NO_CACHE !== '1' && existsSync(dir) && readdirSync(dir).some((name) => name.endsWith('.v8cache'));
}
