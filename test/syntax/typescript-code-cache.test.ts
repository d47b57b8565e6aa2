// TypeScript loads through a V8 code cache (src/syntax/typescript.ts): written after the work,
// accepted by the next process, replaced when V8 rejects it, and never read from or written to a
// folder others could write. Each case is a fresh process on the build (a code cache is per
// process), with the cache relocated to a temporary folder by TRACE_MIGRATE_CACHE_DIR.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCacheDir } from '../../src/syntax/code-cache-store.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const BUILT = (file: string) => JSON.stringify(new URL(`../../dist/src/${file}`, import.meta.url).href);
const BIN = new URL('../../bin/trace-migrate.js', import.meta.url).pathname;

interface Load {
  status: string;
  /** TypeScript works: the kind of the statement it parsed. */
  parsed: string;
}

/** Loads TypeScript in a fresh process, parses a line, saves the cache if asked. */
function loadInChild(env: Record<string, string>, save = true): Load {
  const script = `
    const { ts, saveTypeScriptCodeCache, typeScriptCodeCacheStatus } = await import(${BUILT('syntax/typescript.js')});
    const file = ts.createSourceFile('a.ts', 'const a = 1;', ts.ScriptTarget.Latest);
    if (${save}) saveTypeScriptCodeCache();
    console.log(JSON.stringify({ status: typeScriptCodeCacheStatus(), parsed: ts.SyntaxKind[file.statements[0].kind] }));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  return JSON.parse(out) as Load;
}

const cacheFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.v8cache'));

describe('the code cache of TypeScript', () => {
  it('is written after the first load, in a folder of ours (0700), and accepted by the next process', async () => {
    const dir = path.join(await makeTempDir(), 'cache');
    expect(loadInChild({ TRACE_MIGRATE_CACHE_DIR: dir })).toEqual({ status: 'missing', parsed: 'FirstStatement' });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const [file] = cacheFiles(dir);
    expect(file).toMatch(new RegExp(`^typescript-[0-9a-f]{8}-node${process.versions.node}-.*-${process.arch}-\\d+-\\d+\\.v8cache$`));
    expect(statSync(path.join(dir, file!)).mode & 0o777).toBe(0o600);
    const written = statSync(path.join(dir, file!)).mtimeMs;

    expect(loadInChild({ TRACE_MIGRATE_CACHE_DIR: dir })).toEqual({ status: 'accepted', parsed: 'FirstStatement' });
    // A good cache is not rewritten.
    expect(cacheFiles(dir)).toEqual([file]);
    expect(statSync(path.join(dir, file!)).mtimeMs).toBe(written);
  });

  it('rejects a corrupted cache, still loads TypeScript, and replaces the cache', async () => {
    const dir = await makeTempDir();
    chmodSync(dir, 0o700);
    loadInChild({ TRACE_MIGRATE_CACHE_DIR: dir });
    const file = path.join(dir, cacheFiles(dir)[0]!);
    const good = readFileSync(file);
    writeFileSync(file, Buffer.alloc(good.length, 7));

    expect(loadInChild({ TRACE_MIGRATE_CACHE_DIR: dir })).toEqual({ status: 'rejected', parsed: 'FirstStatement' });
    expect(readFileSync(file).equals(Buffer.alloc(good.length, 7))).toBe(false);
    expect(loadInChild({ TRACE_MIGRATE_CACHE_DIR: dir }).status).toBe('accepted');
  });

  it('is not used from a folder others may write, nor one it cannot create, nor when turned off', async () => {
    const shared = await makeTempDir();
    loadInChild({ TRACE_MIGRATE_CACHE_DIR: shared });
    chmodSync(shared, 0o777);
    // A cache file is there, but anyone could have put it there: not read, nothing written.
    expect(loadInChild({ TRACE_MIGRATE_CACHE_DIR: shared })).toEqual({ status: 'off', parsed: 'FirstStatement' });

    const blocked = path.join(await makeTempDir(), 'a-file');
    writeFileSync(blocked, '');
    expect(loadInChild({ TRACE_MIGRATE_CACHE_DIR: path.join(blocked, 'cache') })).toEqual({ status: 'off', parsed: 'FirstStatement' });

    const off = await makeTempDir();
    expect(loadInChild({ TRACE_MIGRATE_CACHE_DIR: off, TRACE_MIGRATE_NO_CACHE: '1' })).toEqual({ status: 'off', parsed: 'FirstStatement' });
    expect(cacheFiles(off)).toEqual([]);
  });

  it.runIf(process.getuid?.() === 0)("is not used from another user's folder", async () => {
    const theirs = await makeTempDir();
    chmodSync(theirs, 0o700);
    loadInChild({ TRACE_MIGRATE_CACHE_DIR: theirs });
    chownSync(theirs, 65534, 65534);
    expect(loadInChild({ TRACE_MIGRATE_CACHE_DIR: theirs })).toEqual({ status: 'off', parsed: 'FirstStatement' });
  });

  it('gives ts-morph the same TypeScript when the migration loads it', async () => {
    const script = `
      import { createRequire } from 'node:module';
      await import(${BUILT('migrate.js')});
      const { ts, typeScriptCodeCacheStatus } = await import(${BUILT('syntax/typescript.js')});
      const tsMorph = createRequire(${BUILT('migrate.js')})('ts-morph');
      const cached = Object.entries(createRequire(import.meta.url).cache).filter(([file]) => file.endsWith('/typescript.js'));
      console.log(JSON.stringify({
        status: typeScriptCodeCacheStatus(),
        // ts-morph exports TypeScript as a frozen namespace whose default is the module itself.
        sameModule: tsMorph.ts.default === ts,
        sameFunctions: tsMorph.ts.createSourceFile === ts.createSourceFile,
        loadedOnce: cached.length === 1 && cached[0][1].exports === ts && cached[0][1].loaded,
      }));
    `;
    const dir = await makeTempDir();
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, TRACE_MIGRATE_CACHE_DIR: dir },
    });
    expect(JSON.parse(out)).toEqual({ status: expect.stringMatching(/^(missing|accepted)$/), sameModule: true, sameFunctions: true, loadedOnce: true });
  });

  it('is written by the --check scan worker after its scan', async () => {
    const project = await makeTempDir();
    mkdirSync(path.join(project, 'src'));
    writeFileSync(path.join(project, 'src/a.ts'), 'export function f(reqId: string) {\n  console.log(`x ${reqId}`);\n}\n');
    const dir = path.join(await makeTempDir(), 'cache');
    const run = spawnSync(process.execPath, [BIN, 'src', '--check'], { cwd: project, encoding: 'utf8', env: { ...process.env, TRACE_MIGRATE_CACHE_DIR: dir } });
    expect(run.status).toBe(1); // the gate fails on the id in the log line
    expect(cacheFiles(dir)).toHaveLength(1);
  });
});

describe('the default cache folder', () => {
  it('is node_modules/.cache/trace-migrate of the install that holds the file', () => {
    expect(defaultCacheDir('/opt/app/node_modules/@ts-morph/common/dist/typescript.js')).toBe('/opt/app/node_modules/.cache/trace-migrate');
    expect(defaultCacheDir('/a/node_modules/trace-migrate/node_modules/@ts-morph/common/dist/typescript.js')).toBe(
      '/a/node_modules/trace-migrate/node_modules/.cache/trace-migrate',
    );
    expect(defaultCacheDir('/src/typescript.js')).toBeUndefined();
  });
});
