// Verification contains the damage of an edit that does not type-check: the unit it is charged to
// is refused, and every other safe edit of the run is still written.
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineConfig, migrate, type Report } from '../../src/index.js';
import { tempProject } from '../helpers/temp-project.js';

/** Whole migrations with the type checker, on a machine that may be busy. */
const SLOW_MACHINE_TIMEOUT = 180_000;
const REPO_NODE_MODULES = new URL('../../node_modules', import.meta.url).pathname;

const TSCONFIG = { compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'] }, include: ['src'] };

function project(files: Record<string, string>): string {
  const root = tempProject({ 'package.json': { name: 'app', type: 'module' }, 'tsconfig.json': TSCONFIG, ...files });
  symlinkSync(REPO_NODE_MODULES, join(root, 'node_modules'));
  return root;
}

async function migrateSrc(root: string): Promise<Report> {
  return migrate(defineConfig({ paths: [join(root, 'src')], cwd: root, force: true }));
}

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');
const findingLines = (report: Report) => report.findings.map((f) => `${f.file}:${f.line} ${f.kind} ${f.ruleId}: ${f.message}`);

/** A log rewrite nobody's type error should cancel. */
const OTHER_FILE = 'export function report(count: number): void {\n  console.log(`processed ${count} items`);\n}\n';

describe('an anonymous listener on a typed EventEmitter', () => {
  // The event's tuple type keeps the id, so removing it from the listener and the emit adds
  // TS2554 at the emit. The group holds a function named `arrow function`: it must be blamed like
  // any other, whatever the file is called.
  const JOBS = [
    "import { EventEmitter } from 'node:events';",
    '',
    'interface JobEvents {',
    '  done: [jobId: string, reqId: string];',
    '}',
    '',
    'export const jobs = new EventEmitter<JobEvents>();',
    '',
    "jobs.on('done', (jobId, reqId) => {",
    '  console.log(`[${reqId}] job ${jobId} done`);',
    '});',
    '',
    'export function finish(jobId: string, reqId: string): void {',
    '  console.info(`[${reqId}] finishing ${jobId}`);',
    "  jobs.emit('done', jobId, reqId);",
    '}',
    '',
  ].join('\n');

  for (const fileName of ['jobs.ts', 'job events.ts']) {
    it(`its group alone is refused, every other edit is written (${fileName})`, async () => {
      const root = project({ [`src/${fileName}`]: JOBS, 'src/other.ts': OTHER_FILE });

      const report = await migrateSrc(root);

      const lines = findingLines(report);
      expect(lines).toContain(`src/${fileName}:15 error verify: edits refused: they would add TS2554: Expected 3 arguments, but got 2.`);
      expect(lines.filter((l) => l.includes('manual trace-params'))).toEqual([
        `src/${fileName}:9 manual trace-params: \`reqId\` of \`arrow function\` is not migrated: the migrated code would not type-check (TS2554 at src/${fileName}:15) (src/${fileName}:9)`,
        `src/${fileName}:13 manual trace-params: \`reqId\` of \`finish\` is not migrated: the migrated code would not type-check (TS2554 at src/${fileName}:15) (src/${fileName}:9)`,
      ]);
      const jobs = read(root, `src/${fileName}`);
      expect(jobs).toContain("jobs.on('done', (jobId, reqId) => {\n  log.info('[{reqId}] job {jobId} done', { reqId, jobId });");
      expect(jobs).toContain("export function finish(jobId: string, reqId: string): void {\n  log.info('[{reqId}] finishing {jobId}', { reqId, jobId });\n  jobs.emit('done', jobId, reqId);");
      expect(read(root, 'src/other.ts')).toContain("log.info('processed {count} items', { count });");
      expect(report.summary.filesChanged).toBe(2);
    }, SLOW_MACHINE_TIMEOUT);
  }
});

describe('an error at a call the analysis did not link', () => {
  // The shape: `charge` is called through a destructured dynamic import. Where the analysis
  // does not link such a call, the parameter removal adds TS2554 there, in a function with no edits
  // of its own, and verification charges it to the declaration it is about; where it links it, the
  // call is updated. Either way declaration and call agree and every other edit is written.
  const BILLING = 'export function charge(amount: number, reqId: string): void {\n  console.log(`[${reqId}] charging ${amount}`);\n}\n';
  const ROUTE = [
    'export async function handle(headers: Record<string, string>): Promise<void> {',
    "  const reqId = headers['x-request-id'] ?? 'none';",
    "  const { charge } = await import('./billing.js');",
    '  charge(10, reqId);',
    '}',
    '',
    'export function audit(user: string): void {',
    '  console.log(`audited ${user}`);',
    '}',
    '',
  ].join('\n');

  it('keeps declaration and call in agreement and every other edit', async () => {
    const root = project({ 'src/billing.ts': BILLING, 'src/route.ts': ROUTE, 'src/other.ts': OTHER_FILE });

    const report = await migrateSrc(root);

    expect(report.findings.filter((f) => f.ruleId === 'verify' && !f.message.includes('TS2554'))).toEqual([]);
    const billing = read(root, 'src/billing.ts');
    const route = read(root, 'src/route.ts');
    // Whatever the analysis makes of the call, declaration and call agree.
    const declarationKeepsId = billing.includes('charge(amount: number, reqId: string)');
    expect(route.includes('charge(10, reqId)')).toBe(declarationKeepsId);
    expect(billing).toMatch(/^  log\.info\('.*charging \{amount\}'/m);
    expect(route).toContain("log.info('audited {user}', { user });");
    expect(read(root, 'src/other.ts')).toContain("log.info('processed {count} items', { count });");
  }, SLOW_MACHINE_TIMEOUT);

});

describe('an error that no declaration accounts for', () => {
  // `Parameters<typeof charge>` is a type the analysis does not follow: removing the parameter
  // adds TS2322 at `args`, a local whose own declaration has no edits. The error is charged to the
  // units of its file first, then (when it stays) to the files next to it by imports; a file that is
  // not connected to it keeps its edits.
  const BILLING = 'export function charge(amount: number, reqId: string): void {\n  console.log(`[${reqId}] charging ${amount}`);\n}\n';
  const ROUTE = [
    "import type { charge } from './billing.js';",
    '',
    'export function planned(reqId: string): number {',
    '  const args: Parameters<typeof charge> = [10, reqId];',
    '  return args.length;',
    '}',
    '',
    'export function audit(user: string): void {',
    '  console.log(`audited ${user}`);',
    '}',
    '',
  ].join('\n');

  it('refuses its file and its neighbours, never the unconnected rest', async () => {
    const root = project({ 'src/billing.ts': BILLING, 'src/route.ts': ROUTE, 'src/other.ts': OTHER_FILE });

    const report = await migrateSrc(root);

    expect(findingLines(report)).toContain("src/route.ts:4 error verify: edits refused: they would add TS2322: Type '[number, string]' is not assignable to type '[amount: number]'.\n  Source has 2 element(s) but target allows only 1.");
    expect(read(root, 'src/route.ts')).toBe(ROUTE);
    expect(read(root, 'src/billing.ts')).toBe(BILLING);
    expect(read(root, 'src/other.ts')).toContain("log.info('processed {count} items', { count });");
    expect(report.outcome).toBe('partial');
  }, SLOW_MACHINE_TIMEOUT);
});
