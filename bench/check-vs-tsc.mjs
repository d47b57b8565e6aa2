#!/usr/bin/env node
// `--check` against `tsc --noEmit` on the same generated corpus, in the same run (issue 5: the
// check must take at most a quarter of tsc's time). Run `npm run build` first.
//
//   node bench/check-vs-tsc.mjs [--files 8000] [--runs 3] [--corpus DIR]
//
// The corpus is generated once into .bench/corpus-<files> (gitignored). Each measurement is a
// fresh child process (startup and module loading included, as a user would see it), timed from
// spawn to exit; its peak memory is reported by the child itself. Runs alternate check / tsc so
// machine noise hits both; the median of each is compared. Exit code 1 when over the budget.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
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
  const corpus = path.resolve(option('--corpus', path.join(repo, '.bench', `corpus-${fileCount}`)));
  const checkModule = path.join(repo, 'dist/src/check/check.js');
  if (!existsSync(checkModule)) fail(`${path.relative(process.cwd(), checkModule)} is missing: run "npm run build" first`);
  if (!existsSync(path.join(corpus, 'tsconfig.json'))) {
    console.log(`generating a ${fileCount}-file corpus in ${path.relative(process.cwd(), corpus)} ...`);
    const generator = spawnSync(process.execPath, [path.join(repo, 'bench/gen-corpus.mjs'), corpus, '--files', String(fileCount)], {
      stdio: 'inherit',
    });
    if (generator.status !== 0) fail('corpus generation failed');
  }

  const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
  const checks = [];
  const tscs = [];
  console.log(`corpus: ${path.relative(process.cwd(), corpus) || '.'} (${fileCount} files), ${runs} run(s) each\n`);
  for (let run = 1; run <= runs; run++) {
    const checkRun = await measure([path.join(repo, 'bench/check-vs-tsc.mjs'), '--child-check', corpus]);
    if (checkRun.exitCode !== 0) fail(`check failed (exit ${checkRun.exitCode}):\n${checkRun.stderr}`);
    const result = JSON.parse(checkRun.stdout);
    checks.push(checkRun);
    console.log(`run ${run}  check          ${line(checkRun, result.filesScanned)}  (${result.findings} findings)`);
    const tscRun = await measure([tsc, '--noEmit', '-p', corpus]);
    if (tscRun.exitCode !== 0) fail(`tsc --noEmit failed (exit ${tscRun.exitCode}):\n${tscRun.stdout}${tscRun.stderr}`);
    tscs.push(tscRun);
    console.log(`run ${run}  tsc --noEmit   ${line(tscRun, fileCount)}`);
  }

  const checkMs = median(checks.map((r) => r.wallMs));
  const tscMs = median(tscs.map((r) => r.wallMs));
  const ratio = checkMs / tscMs;
  console.log(
    `\nmedian: check ${seconds(checkMs)}, tsc --noEmit ${seconds(tscMs)}; ratio ${ratio.toFixed(3)} (budget <= 0.25): ${ratio <= 0.25 ? 'OK' : 'OVER BUDGET'}`,
  );
  if (ratio > 0.25) process.exitCode = 1;
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

function measure(childArgs) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--require', path.join(repo, 'bench/max-rss-on-exit.cjs'), ...childArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const rss = /@@bench-max-rss-kb (\d+)/.exec(stderr);
      resolve({
        wallMs,
        maxRssKb: rss ? Number(rss[1]) : NaN,
        exitCode,
        stdout,
        stderr: stderr.replace(/\n?@@bench-max-rss-kb \d+\n/, ''),
      });
    });
  });
}

function line(run, files) {
  const perSecond = Math.round(files / (run.wallMs / 1000));
  return `${seconds(run.wallMs).padStart(8)}  ${String(perSecond).padStart(6)} files/s  peak ${Math.round(run.maxRssKb / 1024)} MiB`;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}
