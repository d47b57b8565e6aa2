// The point of the scan worker: it loads the parser while the main thread finds the files, and the
// main thread never loads TypeScript at all. Run in a child process on the build (workers run the
// compiled script), where the CommonJS module cache shows whether ts-morph was loaded.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const BUILT_POOL = new URL('../../dist/src/check/scan-pool.js', import.meta.url);

function mainThreadLoadsTypeScript(maxWorkers: number): { loaded: boolean; matches: number } {
  const script = `
    import { createRequire } from 'node:module';
    const { scanSources } = await import(${JSON.stringify(BUILT_POOL.href)});
    const sources = Array.from({ length: 30 }, (_, i) => ({
      path: '/p/f' + i + '.ts', text: 'export function f(reqId: string) { console.log(\`x \${reqId}\`); }', bom: false, eol: '\\n', mode: 0o644,
    }));
    const results = await scanSources(sources, { traceParamNames: new Set(['reqId']), logScope: 'interpolated' }, { maxWorkers: ${maxWorkers} });
    const loaded = Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes('ts-morph'));
    console.log(JSON.stringify({ loaded, matches: results.reduce((n, r) => n + r.matches.length, 0) }));
  `;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { loaded: boolean; matches: number };
}

/** Workers the pool starts when the CLI prestarted one (bin/trace-migrate.js with --check) or not. */
function workersStarted(prestart: boolean, scan: boolean): number {
  const script = `
    import { createRequire, syncBuiltinESMExports } from 'node:module';
    const threads = createRequire(import.meta.url)('node:worker_threads');
    let started = 0;
    threads.Worker = class extends threads.Worker { constructor(...args) { super(...args); started++; } };
    syncBuiltinESMExports();
    const pool = await import(${JSON.stringify(BUILT_POOL.href)});
    if (${prestart}) pool.prestartScanWorker();
    const source = { path: '/p/f.ts', text: 'function f(reqId: string) {}', bom: false, eol: '\\n', mode: 0o644 };
    if (${scan}) await pool.scanSources([source], { traceParamNames: new Set(['reqId']), logScope: 'interpolated' });
    console.log(started);
  `;
  // The timeout: a prestarted worker nobody uses must not keep the process alive.
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 }));
}

describe.runIf(existsSync(BUILT_POOL))('the scan worker', () => {
  it('prestarted by the CLI, is the one the pool uses (one worker, not two)', () => {
    expect(workersStarted(false, true)).toBe(1);
    expect(workersStarted(true, true)).toBe(1);
  });

  it('prestarted and never used, does not keep the process alive', () => {
    expect(workersStarted(true, false)).toBe(1);
  });

  it('parses on its thread: the main thread does not load TypeScript', () => {
    expect(mainThreadLoadsTypeScript(1)).toEqual({ loaded: false, matches: 60 });
  });

  it('without workers the main thread loads it and finds the same', () => {
    expect(mainThreadLoadsTypeScript(0)).toEqual({ loaded: true, matches: 60 });
  });
});
