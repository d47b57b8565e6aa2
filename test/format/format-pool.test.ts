// The format stage lays out files on a worker thread as well as the main thread when there are
// many (format-pool.ts). Workers run the compiled script, so this runs on the build (`npm test`
// builds first): whichever thread lays out a file, the stage's answer must be the same.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BUILT_STAGE = new URL('../../dist/src/format/format-changes.js', import.meta.url);
const BUILT_POOL = new URL('../../dist/src/format/format-pool.js', import.meta.url);

interface Change {
  path: string;
  before: string | null;
  after: string;
}

const root = mkdtempSync(join(tmpdir(), 'format-pool-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Files in the file's own style (four spaces), files under Biome (a note once per run), one prettier cannot parse. */
function project(): Change[] {
  writeFileSync(join(root, 'package.json'), '{ "name": "p", "private": true }\n');
  mkdirSync(join(root, 'biome'), { recursive: true });
  writeFileSync(join(root, 'biome', 'biome.json'), '{}\n');
  const changes: Change[] = [];
  for (let i = 0; i < 12; i++) {
    const dir = i % 3 === 0 ? join(root, 'biome') : root;
    const path = join(dir, `f${i}.ts`);
    const before = `export function f${i}(reqId: string, n: number) {\n    console.log(\`[\${reqId}] n=\${n}\`);\n    return n * ${i};\n}\n`;
    const after = `export function f${i}(n: number) {\n  log.info('looking up {n} in the accounts table of the primary region number ${i}', { n, table: 'accounts', shard: 'eu-west-1' });\n    return n * ${i};\n}\n`;
    writeFileSync(path, before);
    changes.push({ path, before, after });
  }
  const broken = join(root, 'broken.ts');
  writeFileSync(broken, 'export const a = 1;\n');
  changes.push({ path: broken, before: 'export const a = 1;\n', after: 'export const a = ;\n' });
  changes.push({ path: join(root, 'trace-context.ts'), before: null, after: 'export   const   traceId = () => undefined;\n' });
  return changes;
}

describe.runIf(existsSync(BUILT_STAGE))('the format stage on two threads (on the build)', () => {
  it('gives what the main thread alone gives: layouts, notes (a project note once), counts', async () => {
    const { formatChanges } = await import(BUILT_STAGE.href);
    const changes = project();
    const alone = await formatChanges(changes, root, {}, { worker: false });
    const onWorker = await formatChanges(changes, root, {}, { worker: true, minFilesForWorker: 1, mainThreadFormats: false, batchSize: 2 });
    const shared = await formatChanges(changes, root, {}, { worker: true, minFilesForWorker: 1, batchSize: 1 });
    expect(onWorker).toEqual(alone);
    expect(shared).toEqual(alone);
    // It did lay out: the long call is wrapped and re-indented to the file's four spaces.
    expect(alone.changes[1].after).toContain("    log.info('looking up {n} in the accounts table of the primary region number 1', {\n        n,\n");
    expect(alone.notes.filter((n: { message: string }) => n.message.includes('biome')).length).toBe(1);
    expect(alone.notes.some((n: { path: string; message: string }) => n.path.endsWith('broken.ts') && n.message.startsWith('not formatted'))).toBe(true);
    expect(alone.formatting.filesFormatted).toBe(13);
  });

  it('has the worker lay out the files it claims', async () => {
    const { formatFiles } = await import(BUILT_POOL.href);
    const changes = project();
    const context = { cwd: root, styleReference: changes[0], ownStyles: new Map(), writtenInPlace: new Map() };
    const { answers, byWorker } = await formatFiles(changes, context, { worker: true, minFilesForWorker: 1, mainThreadFormats: false });
    expect(byWorker).toBe(changes.length);
    expect(answers).toHaveLength(changes.length);
    const alone = await formatFiles(changes, context, { worker: false });
    expect(alone.byWorker).toBe(0);
    expect(answers).toEqual(alone.answers);
  });

  it('starts no worker for a few files', async () => {
    const { formatFiles } = await import(BUILT_POOL.href);
    const changes = project();
    const { byWorker } = await formatFiles(changes, { cwd: root, styleReference: changes[0], ownStyles: new Map(), writtenInPlace: new Map() }, { worker: true, mainThreadFormats: false });
    expect(byWorker).toBe(0);
  });
});
