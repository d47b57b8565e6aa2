// The real-code harness (bench/real) measures from syntax alone; these cases pin what it counts, so
// a table built from it can be trusted: id parameters before/after and issue 8's arity check.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM bench modules, no declarations
import { scanTree } from '../../bench/real/lib/scan.mjs';
// @ts-expect-error plain ESM bench modules, no declarations
import { arityCheck, compareParams, reviewerScore } from '../../bench/real/lib/measure.mjs';
// @ts-expect-error plain ESM bench modules, no declarations
import { lintCounts, newLintProblems } from '../../bench/real/lib/commands.mjs';

const NAMES = ['reqId', 'requestId', 'correlationId', 'traceId'];
const roots: string[] = [];

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'bench-real-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const lockBefore = {
  'src/redis.js': [
    'const client = {}',
    'client.acquireLock = async function (accountId, requestId, ttlMs) {',
    '  console.log(`[${requestId}] lock ${accountId} for ${ttlMs}`)',
    '  return ttlMs',
    '}',
    'module.exports = client',
  ].join('\n'),
  'src/svc.js': [
    "const redis = require('./redis')",
    'async function run(accountId, reqId) { return redis.acquireLock(accountId, reqId, 5000) }',
    'module.exports = { run }',
  ].join('\n'),
};

const lockAfterDeclaration = lockBefore['src/redis.js']
  .replace('(accountId, requestId, ttlMs)', '(accountId, ttlMs)')
  .replace('`[${requestId}] lock', '`lock');

describe('bench/real measurements', () => {
  it('finds a call left with the old arity after a parameter was removed (issue 8)', () => {
    const before = scanTree(tree(lockBefore), ['src'], NAMES);
    const after = scanTree(tree({ ...lockBefore, 'src/redis.js': lockAfterDeclaration }), ['src'], NAMES);
    const rows = compareParams(before, after, null);
    expect(rows.map((r: { function: string; param: string; status: string }) => `${r.function}(${r.param}) ${r.status}`)).toEqual([
      'client.acquireLock(requestId) migrated',
      'run(reqId) kept',
    ]);
    const suspects = arityCheck(rows, after);
    expect(suspects).toHaveLength(1);
    expect(suspects[0]).toMatchObject({ newArity: 2, oldArity: 3, clear: true, call: { file: 'src/svc.js', args: 3 } });
  });

  it('finds none when every call was updated, and scores the reviewer list', () => {
    const before = scanTree(tree(lockBefore), ['src'], NAMES);
    const after = scanTree(
      tree({
        'src/redis.js': lockAfterDeclaration,
        'src/svc.js': lockBefore['src/svc.js'].replace('(accountId, reqId, 5000)', '(accountId, 5000)'),
      }),
      ['src'],
      NAMES,
    );
    const rows = compareParams(before, after, null);
    expect(arityCheck(rows, after)).toEqual([]);
    const score = reviewerScore(rows, [
      { file: 'src/redis.js', function: 'client.acquireLock', param: 'requestId', verdict: 'trace' },
      { file: 'src/svc.js', function: 'run', param: 'reqId', verdict: 'trace' },
      { file: 'src/svc.js', function: 'gone', param: 'reqId', verdict: 'business' },
    ]);
    expect(score).toMatchObject({ trace: 2, traceMigrated: 1, business: 0, businessMigrated: 0 });
    expect(score.unmatched).toHaveLength(1);
  });

  it('counts interpolated log calls, not structured ones', () => {
    const root = tree({
      'src/a.ts': [
        'declare const logger: { info(...a: unknown[]): void };',
        'export function f(id: string, n: number) {',
        '  console.log(`[${id}] got ${n}`);',
        "  console.warn('failed:', n);",
        "  logger.info('done ' + n);",
        "  logger.info('done', { n });",
        "  console.log('plain');",
        '}',
      ].join('\n'),
    });
    expect(scanTree(root, ['src'], NAMES).logs.map((l: { line: number }) => l.line)).toEqual([3, 4, 5]);
  });

  it('counts new lint problems by file relative to the service, so a moved work folder compares like with like', () => {
    const listing = (dir: string, problems: string[]) => ({ code: 1, output: `\n${dir}/src/a.js\n${problems.join('\n')}\n\n✖ ${problems.length} problems (${problems.length} errors, 0 warnings)\n` });
    const before = lintCounts(listing('/old/work/svc', ['  3:1  error  Unexpected console statement  no-console']), '/old/work/svc');
    const after = lintCounts(listing('/new/work/svc', ['  3:1  error  Unexpected console statement  no-console', '  9:5  error  Missing semicolon  semi']), '/new/work/svc');
    expect(Object.keys(after.problems)).toEqual(['src/a.js\tno-console', 'src/a.js\tsemi']);
    expect(newLintProblems(before, after)).toEqual([{ file: 'src/a.js', rule: 'semi', before: 0, after: 1 }]);
  });
});
