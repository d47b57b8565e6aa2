// Throwaway: time spent judging unlinked references on a corpus, and what they refused.
import { performance } from 'node:perf_hooks';
const mod = await import('../dist/src/analyze/unlinked-references.js');
let ms = 0, calls = 0; const verdicts = { unrelated: 0, linked: 0, unlinked: 0 };
const judge = mod.UnlinkedReferences.prototype.judge;
mod.UnlinkedReferences.prototype.judge = function (...args) {
  const t = performance.now(); const v = judge.apply(this, args); ms += performance.now() - t; calls++; verdicts[v.kind]++; return v;
};
const { migrate, defineConfig } = await import('../dist/src/index.js');
const root = process.argv[2];
const t0 = performance.now();
const report = await migrate(defineConfig({ paths: [root + '/src'], cwd: root, force: true, dryRun: true }));
const total = performance.now() - t0;
const refusals = report.findings.filter((f) => /whose receiver the analysis cannot type|cannot link to a declaration|used as a value \(`/.test(f.message));
console.log(JSON.stringify({ totalMs: Math.round(total), judgeMs: Math.round(ms), judgeCalls: calls, verdicts, newRuleFindings: refusals.length, summary: report.summary }, null, 1));
for (const f of refusals.slice(0, 10)) console.log(f.file + ':' + f.line, f.message.slice(0, 300));
