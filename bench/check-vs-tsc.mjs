#!/usr/bin/env node
// `--check` against `tsc --noEmit` on the same generated corpus, in the same run (issue 5: the
// check must take at most 0.15 of tsc's time on 2000 files and 0.1 on 8000, issue 12). Run `npm run build` first.
//
//   node bench/check-vs-tsc.mjs [--files 8000] [--runs 3] [--corpus DIR]
//
// The corpus is generated once into .bench/corpus-<files> (gitignored). Each measurement is a
// fresh child process (startup and module loading included, as a user would see it), timed from
// spawn to exit; its peak memory is reported by the child itself. Runs alternate check / tsc so
// machine noise hits both; the median of each is compared. Exit code 1 when over the budget.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureCorpus, measureNode, mebibytes, median, REPO as repo, requireBuild, seconds, TSC as tsc } from './measure-child.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};

if (args[0] === '--child-check') {
  await runCheckInThisProcess(args[1]);
} else {
  await main();
}

async function main() {
  const fileCount = Number(option('--files', '8000'));
  const runs = Number(option('--runs', '3'));
  requireBuild();
  const corpus = ensureCorpus(fileCount, path.resolve(option('--corpus', path.join(repo, '.bench', `corpus-${fileCount}`))));

  const checks = [];
  const tscs = [];
  console.log(`corpus: ${path.relative(process.cwd(), corpus) || '.'} (${fileCount} files), ${runs} run(s) each\n`);
  for (let run = 1; run <= runs; run++) {
    const checkRun = await measureNode([path.join(repo, 'bench/check-vs-tsc.mjs'), '--child-check', corpus]);
    if (checkRun.exitCode !== 0) fail(`check failed (exit ${checkRun.exitCode}):\n${checkRun.stderr}`);
    const result = JSON.parse(checkRun.stdout);
    checks.push(checkRun);
    console.log(`run ${run}  check          ${line(checkRun, result.filesScanned)}  (${result.findings} findings)`);
    const tscRun = await measureNode([tsc, '--noEmit', '-p', corpus]);
    if (tscRun.exitCode !== 0) fail(`tsc --noEmit failed (exit ${tscRun.exitCode}):\n${tscRun.stdout}${tscRun.stderr}`);
    tscs.push(tscRun);
    console.log(`run ${run}  tsc --noEmit   ${line(tscRun, fileCount)}`);
  }

  const checkMs = median(checks.map((r) => r.wallMs));
  const tscMs = median(tscs.map((r) => r.wallMs));
  const ratio = checkMs / tscMs;
  // Start-up (loading TypeScript) weighs less on a large corpus, so the budget is tighter there.
  const budget = fileCount >= 8000 ? 0.1 : 0.15;
  console.log(
    `\nmedian: check ${seconds(checkMs)}, tsc --noEmit ${seconds(tscMs)}; ratio ${ratio.toFixed(3)} (budget <= ${budget}): ${ratio <= budget ? 'OK' : 'OVER BUDGET'}`,
  );
  if (ratio > budget) process.exitCode = 1;
}

/** The measured child: one check() over the corpus, summary on stdout. */
async function runCheckInThisProcess(corpus) {
  const { check } = await import(pathToFileURL(path.join(repo, 'dist/src/check/check.js')).href);
  const { defineConfig } = await import(pathToFileURL(path.join(repo, 'dist/src/config/config.js')).href);
  const report = await check(defineConfig({ paths: [corpus], cwd: corpus }));
  process.stdout.write(
    JSON.stringify({ filesScanned: report.summary.filesScanned, findings: report.findings.length, durationMs: report.durationMs }),
  );
}

function line(run, files) {
  const perSecond = Math.round(files / (run.wallMs / 1000));
  return `${seconds(run.wallMs).padStart(8)}  ${String(perSecond).padStart(6)} files/s  peak ${mebibytes(run.maxRssKb)}`;
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}
