// The reproduction, run as a program before and after the migration: the lock's TTL
// must still be 5000, never the request id that used to sit one argument earlier.
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineConfig, migrate } from '../../src/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { runProcess } from '../support/run-process.js';

const CASES = new URL('../../fixtures/trace-params/', import.meta.url).pathname;

/** The TTL main.js printed: `ttl 5000` before, `{"msg":"ttl {ttl}","ttl":5000}` after. */
function printedTtls(stdout: string): unknown[] {
  const out: unknown[] = [];
  for (const line of stdout.split('\n')) {
    const plain = /^ttl (.*)$/.exec(line);
    if (plain) out.push(plain[1]);
    else if (line.startsWith('{')) {
      const record = JSON.parse(line) as { msg?: string; ttl?: unknown; ttlMs?: unknown };
      if (record.msg === 'ttl {ttl}') out.push(String(record.ttl));
      if ('ttlMs' in record) out.push(`lock ${String(record.ttlMs)}`);
    } else {
      const lock = /lock \S+ for (.*)$/.exec(line);
      if (lock) out.push(`lock ${lock[1]}`);
    }
  }
  return out;
}

async function runMain(root: string): Promise<unknown[]> {
  const result = await runProcess(process.execPath, ['src/main.js'], { cwd: root });
  expect(result.exitCode, result.stderr).toBe(0);
  return printedTtls(result.stdout);
}

describe('a method assigned on an exported object keeps its arguments in place', () => {
  for (const name of ['expando-method-on-required-object', 'expando-method-receiver-unknown']) {
    it(name, async () => {
      const root = await makeTempDir('expando-method-');
      await cp(join(CASES, name, 'input'), root, { recursive: true });
      expect(await runMain(root)).toEqual(['lock 5000', '5000']);

      const report = await migrate(defineConfig({ paths: [join(root, 'src')], cwd: root, force: true }));
      expect(report.summary.filesChanged).toBeGreaterThan(0);
      expect(await runMain(root)).toEqual(['lock 5000', '5000']);
    }, 60_000);
  }
});
