#!/usr/bin/env node
// Where a migration's time goes, by stage: runs the built bin (`--dry-run`) under `--cpu-prof` on a
// generated corpus and attributes every CPU sample to the stage whose function is nearest on its
// stack. Run `npm run build` first.
//
//   node bench/profile-stages.mjs [--files 2000] [--keep DIR] [-- extra trace-migrate options]
//
// Stages: discover, build (the program), analyze, plan, verify (the type check of the edited
// program), format (the format stage, prettier's work included: its promise callbacks have no
// stage on their stack, so prettier's own files count as format), diff (rendering the patch),
// GC, module loading, and the rest. Shares are of all samples, so they add up to 100%.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCorpus, REPO, requireBuild } from './measure-child.mjs';

const { values, positionals } = parseArgs({ options: { files: { type: 'string', default: '2000' }, keep: { type: 'string' } }, allowPositionals: true });
requireBuild();
const corpus = ensureCorpus(Number(values.files));
const dir = values.keep ?? mkdtempSync(path.join(os.tmpdir(), 'trace-migrate-profile-'));
const run = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, path.join(REPO, 'bin/trace-migrate.js'), 'src', '--dry-run', '--no-progress', ...positionals], {
  cwd: corpus,
  stdio: ['ignore', 'ignore', 'pipe'],
  encoding: 'utf8',
});
if (run.status !== 0 && run.status !== 1) {
  console.error(`profile-stages: trace-migrate exited ${run.status}\n${run.stderr}`);
  process.exit(1);
}
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
if (!values.keep) rmSync(dir, { recursive: true, force: true });

/** Stage functions, by name and the end of their file's URL, nearest-on-the-stack first. */
const STAGES = [
  ['discover', 'discoverFiles', 'project/discover-files.js'],
  ['build', 'buildProgram', 'project/build-program.js'],
  ['analyze', 'analyze', 'analyze/analyze.js'],
  ['plan', 'planWithRefusals', 'plan/plan-with-refusals.js'],
  ['verify', 'findNewTypeErrors', 'verify/type-check.js'],
  ['verify', 'verifyPlan', 'verify/verify-plan.js'],
  ['format', 'formatChanges', 'format/format-changes.js'],
  ['diff', 'renderChanges', 'apply/write-changes.js'],
];
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map();
for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);

const stageOfNode = new Map();
function stageOf(id) {
  if (stageOfNode.has(id)) return stageOfNode.get(id);
  const { functionName, url } = nodes.get(id).callFrame;
  let stage = STAGES.find(([, name, end]) => functionName === name && url.endsWith(end))?.[0];
  if (!stage && functionName === '(garbage collector)') stage = 'GC';
  if (!stage && /\/node_modules\/prettier\/|\/dist\/src\/format\//.test(url)) stage = 'format';
  if (!stage) stage = parentOf.has(id) ? stageOf(parentOf.get(id)) : undefined;
  if (!stage && /^(wrapSafe|compileSourceTextModule|compileForInternalLoader|readFileUtf8)$/.test(functionName)) stage = 'module loading';
  if (!stage && /^\((program|idle)\)$/.test(functionName)) stage = 'idle';
  stage ??= 'rest';
  stageOfNode.set(id, stage);
  return stage;
}
const totals = new Map();
for (const id of profile.samples) totals.set(stageOf(id), (totals.get(stageOf(id)) ?? 0) + 1);
const seconds = (profile.endTime - profile.startTime) / 1e6;
console.log(`trace-migrate --dry-run on ${values.files} files: ${seconds.toFixed(1)} s profiled (${profile.samples.length} samples)`);
for (const [stage, count] of [...totals].sort((a, b) => b[1] - a[1])) {
  const share = count / profile.samples.length;
  console.log(`${stage.padEnd(15)} ${(100 * share).toFixed(1).padStart(5)}%  ${(share * seconds).toFixed(1).padStart(6)} s`);
}
