// The fixtures' argument-shift check must catch a call left behind and accept a consistent edit.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { argumentShifts } from './support/call-arity.js';

const dir = mkdtempSync(join(tmpdir(), 'call-arity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const root = join(dir, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const before = tree('before', {
  'src/redis.js': 'const c = {}\nc.acquireLock = async function (accountId, requestId, ttlMs) { return ttlMs }\nmodule.exports = c\n',
  'src/svc.js': "const redis = require('./redis')\nfunction run(a, reqId) { return redis.acquireLock(a, reqId, 5000) }\n",
});

describe('argumentShifts', () => {
  it('reports a call still passing the removed argument', () => {
    const after = tree('shifted', {
      'src/redis.js': 'const c = {}\nc.acquireLock = async function (accountId, ttlMs) { return ttlMs }\nmodule.exports = c\n',
      'src/svc.js': "const redis = require('./redis')\nfunction run(a, reqId) { return redis.acquireLock(a, reqId, 5000) }\n",
    });
    expect(argumentShifts(before, after)).toEqual([
      'src/svc.js:2 `redis.acquireLock(a, reqId, 5000)` passes 3 arguments; every `acquireLock` now takes at most 2',
    ]);
  });

  it('reports a call left with the old arity even when it fits the new one', () => {
    const beforeDefaults = tree('before-defaults', { 'src/a.js': 'function f(a, reqId, b = 1) { return b }\nf(1, 2)\n' });
    const after = tree('after-defaults', { 'src/a.js': 'function f(a, b = 1) { return b }\nf(1, 2)\n' });
    expect(argumentShifts(beforeDefaults, after)).toEqual(['src/a.js:2 `f(1, 2)` still passes 2 arguments, as before `f` lost its parameter 2']);
  });

  it('accepts calls updated with their declaration', () => {
    const after = tree('consistent', {
      'src/redis.js': 'const c = {}\nc.acquireLock = async function (accountId, ttlMs) { return ttlMs }\nmodule.exports = c\n',
      'src/svc.js': "const redis = require('./redis')\nfunction run(a) { return redis.acquireLock(a, 5000) }\n",
    });
    expect(argumentShifts(before, after)).toEqual([]);
  });
});
