// Runs a service's own command with a time limit (the whole process group is ended on time-out)
// and reads pass/fail counts from the usual tool outputs.
import { spawn } from 'node:child_process';
import { relative } from 'node:path';

export function runCommand(command, cwd, timeoutMs) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('sh', ['-c', command], {
      cwd,
      detached: true,
      env: { ...process.env, CI: '1', NO_COLOR: '1', FORCE_COLOR: '0', NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk) => {
      output += chunk;
      if (output.length > 4_000_000) output = output.slice(-2_000_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: timedOut ? null : code, timedOut, output, seconds: Math.round((Date.now() - started) / 1000) });
    });
  });
}

const stripAnsi = (s) => s.replace(/\u001b\[[0-9;]*m/g, '');

/** tsc: the number of `error TSnnnn` diagnostics. */
export function typecheckCounts(result) {
  const errors = (stripAnsi(result.output).match(/error TS\d+/g) ?? []).length;
  return { errors, ok: result.code === 0 };
}

/**
 * ESLint: "✖ N problems (E errors, W warnings)", or 0 when it exits clean; `problems` counts them per
 * file and rule from the stylish listing, so a problem added where another went away still shows.
 * Files are named relative to `dir` (the service's folder): the cached "before" of a work folder
 * that was copied or moved still matches the "after".
 */
export function lintCounts(result, dir) {
  const out = stripAnsi(result.output);
  const problems = lintProblemsByFileAndRule(out, dir);
  const m = out.match(/(\d+) problems? \((\d+) errors?, (\d+) warnings?\)/);
  if (m) return { errors: Number(m[2]), warnings: Number(m[3]), ok: result.code === 0, problems };
  return { errors: result.code === 0 ? 0 : null, warnings: 0, ok: result.code === 0, problems };
}

/** `{ "file\trule": count }` from ESLint's stylish output (a file line, then `  line:col  severity  message  rule`). */
function lintProblemsByFileAndRule(out, dir) {
  const counts = {};
  let file = null;
  for (const text of out.split('\n')) {
    if (/^\/\S/.test(text)) { file = dir ? relative(dir, text.trim()) : text.trim(); continue; }
    const m = file && text.match(/^\s+\d+:\d+\s+(?:error|warning)\s+.*?(?:\s{2,}(\S+))?\s*$/);
    if (!m) continue;
    const key = `${file}\t${m[1] ?? '(no rule)'}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Lint problems the migration added: per file and rule, how many more there are after than before. */
export function newLintProblems(before, after) {
  if (!before?.problems || !after?.problems) return null;
  const added = [];
  for (const [key, n] of Object.entries(after.problems)) {
    const was = before.problems[key] ?? 0;
    if (n > was) {
      const [file, rule] = key.split('\t');
      added.push({ file, rule, before: was, after: n });
    }
  }
  return added;
}

/** Test runners: jest, vitest, node:test, mocha. Returns { passed, failed } (null when unreadable). */
export function testCounts(result) {
  const out = stripAnsi(result.output);
  let passed = null;
  let failed = null;
  const jest = out.match(/^Tests:\s+(.*)$/m);
  if (jest) {
    passed = Number(jest[1].match(/(\d+) passed/)?.[1] ?? 0);
    failed = Number(jest[1].match(/(\d+) failed/)?.[1] ?? 0);
    return { passed, failed, ok: result.code === 0 };
  }
  const vitest = out.match(/^\s*Tests\s+(.*)$/m);
  if (vitest) {
    passed = Number(vitest[1].match(/(\d+) passed/)?.[1] ?? 0);
    failed = Number(vitest[1].match(/(\d+) failed/)?.[1] ?? 0);
    return { passed, failed, ok: result.code === 0 };
  }
  const nodePass = out.match(/^# pass (\d+)/m);
  if (nodePass) {
    return { passed: Number(nodePass[1]), failed: Number(out.match(/^# fail (\d+)/m)?.[1] ?? 0), ok: result.code === 0 };
  }
  const mocha = out.match(/(\d+) passing/);
  if (mocha) {
    return { passed: Number(mocha[1]), failed: Number(out.match(/(\d+) failing/)?.[1] ?? 0), ok: result.code === 0 };
  }
  return { passed, failed, ok: result.code === 0 };
}
