// A file whose edits are all log rewrites is type-checked only around its edits (check-regions.ts):
// the statements there are checked, and anything that could break elsewhere sends the file to a
// whole-file check.
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { defineConfig, migrate } from '../../src/index.js';
import { ImportGraph } from '../../src/verify/import-graph.js';
import { findNewTypeErrors } from '../../src/verify/type-check.js';
import { tempProject } from '../helpers/temp-project.js';

const SLOW_MACHINE_TIMEOUT = 180_000;
const REPO_NODE_MODULES = new URL('../../node_modules', import.meta.url).pathname;
const OPTIONS = { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'] };

describe('a log-only file that uses a global named like the runtime import', () => {
  // The planner avoids names the file declares; a global `log` it only calls is not one. The import
  // then shadows the global and breaks `legacy`, a statement no edit touches: the file must be
  // checked whole for that error to be seen and the rewrite refused.
  const GLOBALS = 'declare function log(message: string): void;\n';
  const REPORT = [
    'export function report(count: number): void {',
    '  console.log(`processed ${count} items`);',
    '}',
    '',
    'export function legacy(): void {',
    "  log('legacy');",
    '}',
    '',
  ].join('\n');
  const OTHER = 'export function other(count: number): void {\n  console.log(`other ${count} items`);\n}\n';

  it('is checked whole, and the rewrite that would break it is refused', async () => {
    const root = tempProject({ 'package.json': { name: 'app', type: 'module' }, 'tsconfig.json': { compilerOptions: OPTIONS, include: ['src'] }, 'src/globals.d.ts': GLOBALS, 'src/report.ts': REPORT, 'src/other.ts': OTHER });
    symlinkSync(REPO_NODE_MODULES, join(root, 'node_modules'));

    const report = await migrate(defineConfig({ paths: [join(root, 'src')], cwd: root, force: true }));

    const refusals = report.findings.filter((f) => f.ruleId === 'verify').map((f) => `${f.file}:${f.line} ${f.message}`);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatch(/^src\/report\.ts:6 edits refused: they would add TS\d+/);
    expect(readFileSync(join(root, 'src/report.ts'), 'utf8')).toBe(REPORT);
    expect(readFileSync(join(root, 'src/other.ts'), 'utf8')).toContain("log.info('other {count} items', { count });");
  }, SLOW_MACHINE_TIMEOUT);
});

describe('a log-only file that imports a file whose API changes', () => {
  // `route.ts` has only a log rewrite, but its `args` follows `charge`'s parameters, which the
  // migration removes: the error is in a statement no edit touches, so an importer of a file with
  // API edits is checked whole.
  const BILLING = 'export function charge(amount: number, reqId: string): void {\n  console.log(`[${reqId}] charging ${amount}`);\n}\n';
  const ROUTE = [
    "import type { charge } from './billing.js';",
    "export const args: Parameters<typeof charge> = [10, 'r-1'];",
    '',
    'export function audit(user: string): void {',
    '  console.log(`audited ${user}`);',
    '}',
    '',
  ].join('\n');

  it('is checked whole, and the parameter removal that would break it is refused', async () => {
    const root = tempProject({ 'package.json': { name: 'app', type: 'module' }, 'tsconfig.json': { compilerOptions: OPTIONS, include: ['src'] }, 'src/billing.ts': BILLING, 'src/route.ts': ROUTE });
    symlinkSync(REPO_NODE_MODULES, join(root, 'node_modules'));

    const report = await migrate(defineConfig({ paths: [join(root, 'src')], cwd: root, force: true }));

    expect(report.findings.filter((f) => f.ruleId === 'verify').map((f) => `${f.file}:${f.line} ${f.message.match(/TS\d+/)?.[0]}`)).toEqual(['src/route.ts:2 TS2322']);
    expect(readFileSync(join(root, 'src/billing.ts'), 'utf8')).toContain('charge(amount: number, reqId: string)');
  }, SLOW_MACHINE_TIMEOUT);
});

describe('findNewTypeErrors with regions', () => {
  const BEFORE = 'export function twice(n: number): number {\n  return n * 2;\n}\n\nexport const four = twice(2);\n';
  const AFTER = "export function twice(n: number): number {\n  return n * 2;\n}\n\nexport const four = twice('2');\n";

  function check(regions: Map<string, { start: number; end: number }[]>) {
    const root = tempProject({ 'src/a.ts': BEFORE });
    const file = join(root, 'src/a.ts');
    const options = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, types: [], noEmit: true };
    const original = ts.createProgram({ rootNames: [file], options });
    const scoped = new Map([...regions].map(([, ranges]) => [file, ranges]));
    return findNewTypeErrors(original, options, new Map([[file, AFTER]]), new Map(), new ImportGraph(original), new Set(), scoped).errors.map((e) => `${e.code} at ${e.start}`);
  }
  const call = AFTER.indexOf("twice('2')");

  it('reports an error in a statement around a range, as a whole-file check does', () => {
    const expected = [`2345 at ${call + "twice(".length}`];
    expect(check(new Map())).toEqual(expected);
    expect(check(new Map([['a', [{ start: call, end: call + 10 }]]]))).toEqual(expected);
  });

  it('checks only the statements around the ranges (what makes it faster; check-regions.ts says when that is enough)', () => {
    expect(check(new Map([['a', [{ start: 2, end: 10 }]]]))).toEqual([]);
  });
});
