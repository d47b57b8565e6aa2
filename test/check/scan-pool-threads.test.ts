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

describe.runIf(existsSync(BUILT_POOL))('the scan worker', () => {
  it('parses on its thread: the main thread does not load TypeScript', () => {
    expect(mainThreadLoadsTypeScript(1)).toEqual({ loaded: false, matches: 60 });
  });

  it('without workers the main thread loads it and finds the same', () => {
    expect(mainThreadLoadsTypeScript(0)).toEqual({ loaded: true, matches: 60 });
  });
});
