import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import { defineConfig, type Config } from '../../src/config/config.js';
import { UsageError } from '../../src/errors.js';
import type { Finding } from '../../src/report/report.js';
import { makeTempDir, writeTree } from '../helpers/temp-dir.js';

function configFor(cwd: string, extra: Partial<Config> = {}): Config {
  return defineConfig({ cwd, paths: [path.join(cwd, 'src')], logScope: 'interpolated', ...extra });
}

const brief = (findings: Finding[]) =>
  findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.kind}${f.baselined === undefined ? '' : f.baselined ? ' baselined' : ' new'}`);

const billing = [
  'export function charge(amount: number, reqId: string) {',
  '  console.log(`[${reqId}] charging ${amount}`);',
  '}',
  '',
].join('\n');

describe('check', () => {
  it('reports trace parameters and interpolated logs, sorted by file and position', async () => {
    const cwd = await makeTempDir();
    await writeTree(cwd, {
      'src/z.ts': billing,
      'src/a/b.js': "function f(requestId) {\n  console.info('got ' + requestId);\n  console.log('constant');\n}\n",
      'src/clean.ts': 'export const a = 1;\n',
    });
    const report = await check(configFor(cwd));
    expect(brief(report.findings)).toEqual([
      'src/a/b.js:1:12 trace-params manual new',
      'src/a/b.js:2:3 structured-logs manual new',
      'src/z.ts:1:40 trace-params manual new',
      'src/z.ts:2:3 structured-logs manual new',
    ]);
    expect(report.mode).toBe('check');
    expect(report.outcome).toBe('ok');
    expect(report.roots).toEqual(['src']);
    expect(report.files).toEqual([]);
    expect(report.summary).toMatchObject({ filesScanned: 3, manualFindings: 4, newFindings: 4, baselinedFindings: 0 });
    expect(report.summary.fixedSinceBaseline).toBeUndefined();
    expect(report.findings.every((f) => /^[0-9a-f]{16}$/.test(f.fingerprint ?? ''))).toBe(true);
  });

  it('passes a clean tree (newFindings 0) and honours notTraceParams and logScope', async () => {
    const cwd = await makeTempDir();
    await writeTree(cwd, { 'src/a.ts': "export function f(requestId: string) {\n  console.log('done');\n}\n" });
    const clean = await check(configFor(cwd, { notTraceParams: ['requestId'] }));
    expect(clean.findings).toEqual([]);
    expect(clean.summary.newFindings).toBe(0);
    const strict = await check(configFor(cwd, { notTraceParams: ['requestId'], logScope: 'all' }));
    expect(brief(strict.findings)).toEqual(['src/a.ts:2:3 structured-logs manual new']);
  });

  it('says nothing was selected for an empty directory', async () => {
    const cwd = await makeTempDir();
    await mkdir(path.join(cwd, 'src'));
    const report = await check(configFor(cwd));
    expect(report.outcome).toBe('nothing-selected');
    expect(report.summary.filesScanned).toBe(0);
    expect(report.summary.newFindings).toBe(0);
  });

  it('turns a file that does not parse into a failed file and a gating error, and goes on', async () => {
    const cwd = await makeTempDir();
    await writeTree(cwd, { 'src/broken.ts': 'function f(reqId: string {\n}\nconst = 1;\n', 'src/ok.ts': billing });
    const report = await check(configFor(cwd));
    expect(report.outcome).toBe('partial');
    expect(report.files).toEqual([{ path: 'src/broken.ts', status: 'failed', reason: "does not parse: ',' expected at 1:26" }]);
    expect(report.findings[0]).toMatchObject({
      ruleId: 'project',
      kind: 'error',
      file: 'src/broken.ts',
      line: 1,
      column: 26,
      message: "Does not parse: ',' expected (and 3 more syntax errors).",
      baselined: false,
    });
    expect(report.summary).toMatchObject({ filesScanned: 1, filesFailed: 1, newFindings: 3 });
  });

  it('does not fail the gate for skipped files', async () => {
    const cwd = await makeTempDir();
    await writeTree(cwd, { 'src/big.ts': `// ${'x'.repeat(100)}\n`, 'src/ok.ts': 'export const a = 1;\n' });
    const report = await check(configFor(cwd, { maxFileBytes: 50 }));
    expect(brief(report.findings)).toEqual(['src/big.ts:1:1 project note']);
    expect(report.summary).toMatchObject({ filesSkipped: 1, newFindings: 0 });
  });

  it('throws UsageError for a missing path', async () => {
    const cwd = await makeTempDir();
    await expect(check(configFor(cwd))).rejects.toThrow(new UsageError('path does not exist: src'));
  });
});

describe('check with a baseline', () => {
  async function project(files: Record<string, string>) {
    const cwd = await makeTempDir();
    await writeTree(cwd, files);
    return { cwd, baselinePath: path.join(cwd, 'trace-baseline.json') };
  }

  it('writes a sorted, versioned baseline with --update-baseline, after which the gate passes', async () => {
    const { cwd, baselinePath } = await project({ 'src/z.ts': billing, 'src/a.ts': billing });
    const updated = await check(configFor(cwd, { baselinePath, updateBaseline: true }));
    expect(updated.summary).toMatchObject({ newFindings: 0, baselinedFindings: 4, fixedSinceBaseline: 0 });
    expect(updated.findings.every((f) => f.baselined === true)).toBe(true);

    const text = await readFile(baselinePath, 'utf8');
    const data = JSON.parse(text) as { version: number; tool: string; findings: Array<Record<string, string>> };
    expect(data.version).toBe(1);
    expect(data.tool).toBe('trace-migrate');
    expect(Object.keys(data.findings[0])).toEqual(['file', 'ruleId', 'fingerprint', 'message']);
    const keys = data.findings.map((e) => `${e.file} ${e.ruleId} ${e.fingerprint}`);
    expect(keys).toEqual([...keys].sort());
    expect(data.findings.map((e) => `${e.file} ${e.ruleId}`)).toEqual([
      'src/a.ts structured-logs',
      'src/a.ts trace-params',
      'src/z.ts structured-logs',
      'src/z.ts trace-params',
    ]);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toBe(`${JSON.stringify(data, null, 2)}\n`);

    const gated = await check(configFor(cwd, { baselinePath }));
    expect(gated.summary).toMatchObject({ newFindings: 0, baselinedFindings: 4, fixedSinceBaseline: 0 });
  });

  it('keeps a finding baselined when unrelated lines move it down', async () => {
    const { cwd, baselinePath } = await project({ 'src/a.ts': billing });
    await check(configFor(cwd, { baselinePath, updateBaseline: true }));
    await writeFile(path.join(cwd, 'src/a.ts'), `import { x } from './x.js';\n\n// a comment\nexport const y = x;\n\n${billing}`);
    const report = await check(configFor(cwd, { baselinePath }));
    expect(brief(report.findings)).toEqual([
      'src/a.ts:6:40 trace-params manual baselined',
      'src/a.ts:7:3 structured-logs manual baselined',
    ]);
    expect(report.summary.newFindings).toBe(0);
  });

  it('fails on a new finding only', async () => {
    const { cwd, baselinePath } = await project({ 'src/a.ts': billing });
    await check(configFor(cwd, { baselinePath, updateBaseline: true }));
    await writeFile(path.join(cwd, 'src/a.ts'), `${billing}export function refund(requestId: string) {}\n`);
    const report = await check(configFor(cwd, { baselinePath }));
    expect(brief(report.findings)).toEqual([
      'src/a.ts:1:40 trace-params manual baselined',
      'src/a.ts:2:3 structured-logs manual baselined',
      'src/a.ts:4:24 trace-params manual new',
    ]);
    expect(report.summary).toMatchObject({ newFindings: 1, baselinedFindings: 2 });
  });

  it('counts a fixed finding and drops it from the baseline on update', async () => {
    const { cwd, baselinePath } = await project({ 'src/a.ts': billing });
    await check(configFor(cwd, { baselinePath, updateBaseline: true }));
    await writeFile(path.join(cwd, 'src/a.ts'), billing.replace('console.log(`[${reqId}] charging ${amount}`);', "console.log('charging');"));
    const gated = await check(configFor(cwd, { baselinePath }));
    expect(gated.summary).toMatchObject({ newFindings: 0, baselinedFindings: 1, fixedSinceBaseline: 1 });

    const updated = await check(configFor(cwd, { baselinePath, updateBaseline: true }));
    expect(updated.summary.fixedSinceBaseline).toBe(1);
    const data = JSON.parse(await readFile(baselinePath, 'utf8')) as { findings: Array<{ ruleId: string }> };
    expect(data.findings.map((e) => e.ruleId)).toEqual(['trace-params']);
  });

  it('matches by paths relative to the baseline file, whatever the cwd', async () => {
    const { cwd, baselinePath } = await project({ 'src/a.ts': billing });
    await check(configFor(cwd, { baselinePath, updateBaseline: true }));
    const fromSrc = await check(defineConfig({ cwd: path.join(cwd, 'src'), paths: [path.join(cwd, 'src')], baselinePath, logScope: 'interpolated' }));
    expect(fromSrc.findings.map((f) => f.file)).toEqual(['a.ts', 'a.ts']);
    expect(fromSrc.summary.newFindings).toBe(0);
  });

  it('rejects a missing or malformed baseline, and --update-baseline without a file, as usage errors', async () => {
    const { cwd, baselinePath } = await project({ 'src/a.ts': billing });
    await expect(check(configFor(cwd, { baselinePath }))).rejects.toThrow(
      new UsageError('baseline file does not exist: trace-baseline.json (create it with --update-baseline)'),
    );
    await expect(check(configFor(cwd, { updateBaseline: true }))).rejects.toThrow(
      new UsageError('--update-baseline needs a baseline file (--baseline FILE)'),
    );
    await writeFile(baselinePath, '{ not json');
    await expect(check(configFor(cwd, { baselinePath }))).rejects.toThrow(/trace-baseline.json is not valid JSON/);
    await writeFile(baselinePath, JSON.stringify({ version: 2, findings: [] }));
    await expect(check(configFor(cwd, { baselinePath }))).rejects.toThrow(
      new UsageError('baseline file trace-baseline.json has version 2; this trace-migrate reads version 1'),
    );
    await writeFile(baselinePath, JSON.stringify({ version: 1, findings: [{ file: 'a.ts' }] }));
    await expect(check(configFor(cwd, { baselinePath }))).rejects.toThrow(
      new UsageError('baseline file trace-baseline.json: entry 1 needs string "file", "ruleId" and "fingerprint"'),
    );
  });

  it('leaves an up-to-date baseline file untouched on update', async () => {
    const { cwd, baselinePath } = await project({ 'src/a.ts': billing });
    await check(configFor(cwd, { baselinePath, updateBaseline: true }));
    const before = await readFile(baselinePath, 'utf8');
    const { mtimeMs } = await import('node:fs/promises').then((fs) => fs.stat(baselinePath));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await check(configFor(cwd, { baselinePath, updateBaseline: true }));
    expect(await readFile(baselinePath, 'utf8')).toBe(before);
    expect((await import('node:fs/promises').then((fs) => fs.stat(baselinePath))).mtimeMs).toBe(mtimeMs);
  });
});
