// The package as users get it: `npm pack` on a copy of this checkout (its prepack/prepare scripts
// rebuild dist/ there, so the running suite's dist/ is never touched), then `npm install
// <tarball> --omit=dev` into an empty folder, then the bin through npx, the library through
// `import 'trace-migrate'` and its types through tsc. Slow (two builds and an install): ~1 min.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_APP_DIR, REPO_ROOT } from './support/example-app.js';
import { runProcess, STACK_FRAME, type ProcessResult } from './support/run-process.js';

const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const PACKAGE_JSON = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
};

/** Checkout content that is not source: never copied into the packing copy. */
const NOT_SOURCE = new Set(['node_modules', '.git', 'dist', '.bench', 'coverage', '.tmp']);

/**
 * Under `npm test`, npm exports the outer run's settings; a nested npm/npx would take this
 * checkout as its project (npm_config_local_prefix) and its flags (omit, global...) as its own.
 * The user's own configuration (registry, cache, certificates) is kept.
 */
const OUTER_NPM_RUN = /^npm_(lifecycle_|package_|command$|config_(local_prefix|omit|include|production|global|dry_run|call|workspaces?)$)/i;
const FRESH_NPM_ENV = Object.fromEntries(Object.keys(process.env).filter((key) => OUTER_NPM_RUN.test(key)).map((key) => [key, undefined]));

/** npm as a child process, quiet and without prompts; fails the test with npm's output. */
async function npm(args: readonly string[], cwd: string): Promise<ProcessResult> {
  const result = await runProcess('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env: FRESH_NPM_ENV });
  if (result.exitCode !== 0) throw new Error(`npm ${args.join(' ')} failed (${result.exitCode}):\n${result.stdout}${result.stderr}`);
  return result;
}

function runInstalled(consumer: string, args: readonly string[]): Promise<ProcessResult> {
  // As a user types it; npm_config_yes=false: never fetch trace-migrate if the install lacks it.
  const env = { ...FRESH_NPM_ENV, npm_config_yes: 'false', NO_COLOR: '1', FORCE_COLOR: undefined };
  return runProcess('npx', ['trace-migrate', ...args], { cwd: consumer, env });
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(root, join(entry.parentPath, entry.name))).sort();
}

let work: string;
let tarball: string;
let tarballFiles: string[];
let consumer: string;
let installed: string;

// One temp folder for the whole file (the shared helper removes its folders after each test).
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trace-migrate-pack-'));
  const checkout = join(work, 'checkout');
  await cp(REPO_ROOT, checkout, {
    recursive: true,
    filter: (source) => !relative(REPO_ROOT, source).split(/[\\/]/).some((part) => NOT_SOURCE.has(part) || part.endsWith('.tgz')),
  });
  await symlink(join(REPO_ROOT, 'node_modules'), join(checkout, 'node_modules'), 'dir');

  const packed = join(work, 'packed');
  await mkdir(packed);
  await npm(['pack', '--pack-destination', packed], checkout);
  const [name] = await readdir(packed);
  tarball = join(packed, name!);
  tarballFiles = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((entry) => entry.replace(/^package\//, ''))
    .sort();

  consumer = join(work, 'consumer');
  await mkdir(consumer);
  await writeFile(join(consumer, 'package.json'), `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`);
  await npm(['install', tarball, '--omit=dev', '--prefer-offline'], consumer);
  installed = join(consumer, 'node_modules', PACKAGE_JSON.name);
}, 300_000);

afterAll(() => rm(work, { recursive: true, force: true }));

describe('npm pack', () => {
  it('names the tarball after the package and version', () => {
    expect(relative(join(tarball, '..'), tarball)).toBe(`${PACKAGE_JSON.name}-${PACKAGE_JSON.version}.tgz`);
  });

  it('ships the bin, the compiled library with its types, README and package.json: nothing else', () => {
    const unexpected = tarballFiles.filter(
      (file) =>
        !['package.json', 'README.md', 'LICENSE', 'bin/trace-migrate.js'].includes(file) &&
        !/^dist\/(src|transforms)\/.+\.(js|d\.ts)$/.test(file),
    );
    expect(unexpected).toEqual([]);
    expect(tarballFiles).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'bin/trace-migrate.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cli/main.js']),
    );
  });

  it('declares the bin, the Node versions and the ESM entry point with its types', async () => {
    const shipped = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    expect(shipped).toMatchObject({
      type: 'module',
      bin: { 'trace-migrate': 'bin/trace-migrate.js' },
      engines: { node: expect.stringMatching(/^>=20\./) },
      exports: { '.': { types: './dist/src/index.d.ts', default: './dist/src/index.js' } },
    });
    expect(tarballFiles).toEqual(expect.arrayContaining(['dist/src/index.d.ts', 'dist/src/index.js']));
  });

  it('holds a fresh build: a compiled file for every source module', async () => {
    const sources = (await listFiles(join(REPO_ROOT, 'src'))).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
    const compiled = sources.map((file) => `dist/src/${file.replace(/\.ts$/, '.js')}`);
    expect(tarballFiles.filter((file) => file.startsWith('dist/src/') && file.endsWith('.js'))).toEqual(compiled.sort());
  });
});

// Concurrent: each test works in its own folder under the consumer project.
describe.concurrent('the installed package (npm install <tarball> --omit=dev)', { timeout: 180_000 }, () => {
  it('installs no dev dependency (no typescript: the tool uses the copy ts-morph bundles)', async () => {
    const present = async (name: string) => stat(join(consumer, 'node_modules', name)).then(() => true, () => false);
    expect(await present('ts-morph')).toBe(true);
    expect(await present('typescript')).toBe(false);
    expect(await present('vitest')).toBe(false);
  });

  it('imports, in its compiled code, only Node built-ins and its own dependencies', async () => {
    const allowed = new Set([...builtinModules, ...Object.keys(PACKAGE_JSON.dependencies)]);
    const imported = new Set<string>();
    for (const file of (await listFiles(installed)).filter((file) => file.endsWith('.js'))) {
      // The parser, not a regex: the runtime templates hold import lines inside strings.
      for (const { fileName } of ts.preProcessFile(await readFile(join(installed, file), 'utf8'), true, true).importedFiles) {
        if (!fileName.startsWith('.')) imported.add(fileName);
      }
    }
    const packageOf = (specifier: string) => specifier.replace(/^node:/, '').split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
    expect([...imported].filter((specifier) => !allowed.has(packageOf(specifier)))).toEqual([]);
    // The scan does see imports (TypeScript comes from ts-morph's install by path, not by import).
    expect(imported).toContain('globby');
  });

  it('npx trace-migrate --version and --help (with examples)', async () => {
    expect(await runInstalled(consumer, ['--version'])).toEqual({ exitCode: 0, stdout: `${PACKAGE_JSON.version}\n`, stderr: '' });
    const help = await runInstalled(consumer, ['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/^Usage: trace-migrate \[options\] \[paths\.\.\.\]\n/);
    expect(help.stdout).toMatch(/^Examples:\n {2}\$ trace-migrate \.\/src --dry-run > trace\.patch$/m);
  });

  it('migrates a copy of the example app: a dry run, then in place', async () => {
    await cp(EXAMPLE_APP_DIR, join(consumer, 'example-app'), {
      recursive: true,
      filter: (source) => !/[\\/](node_modules|dist)$/.test(source),
    });
    const service = join(consumer, 'example-app/src/services/order-service.ts');
    const original = await readFile(service, 'utf8');
    expect(original).toMatch(/\breqId\b/);

    const dryRun = await runInstalled(consumer, ['example-app/src', '--dry-run']);
    expect(dryRun.stderr).not.toMatch(STACK_FRAME);
    expect(dryRun.exitCode).toBe(0);
    expect(dryRun.stdout).toMatch(/^diff --git a\/example-app\/src\//);
    expect(dryRun.stdout).toContain('+++ b/example-app/src/trace-context.ts');
    // Installed without the app's dev dependencies (no @types/node), its one EventEmitter listener
    // is handed to a callee of unknown type: it keeps its id, and the report says so.
    expect(dryRun.stderr).toMatch(/^Dry run: \d+ of 14 files would change(, 1 site to migrate by hand)?; nothing was written\.$/m);
    expect(await readFile(service, 'utf8')).toBe(original);

    const inPlace = await runInstalled(consumer, ['example-app/src']);
    expect(inPlace.stderr).toBe('');
    expect(inPlace.exitCode).toBe(0);
    expect(inPlace.stdout).toMatch(/^trace-migrate \S+ migration of example-app\/src /);
    expect(await readFile(service, 'utf8')).not.toMatch(/\breqId\b/);
    expect(await readFile(join(consumer, 'example-app/src/trace-context.ts'), 'utf8')).toMatch(/^\/\/ trace-context: emitted by trace-migrate\n/);
  });

  it('exposes the library API: migrate, check, defineConfig, loadConfig, formatReport', async () => {
    const script = [
      "import * as api from 'trace-migrate';",
      "const config = api.defineConfig({ paths: [process.cwd() + '/lib-src'], dryRun: true });",
      'const checked = await api.check(config);',
      'const migrated = await api.migrate(config);',
      "const loaded = api.loadConfig({ flags: { dryRun: true }, paths: ['lib-src'], cwd: process.cwd() });",
      'console.log(JSON.stringify({',
      '  exports: Object.keys(api).sort(),',
      '  checkFindings: checked.findings.length,',
      '  migrateMode: migrated.mode,',
      '  hasDiff: migrated.diff.startsWith("diff --git"),',
      '  loadedMode: loaded.cli.mode,',
      "  json: JSON.parse(api.formatReport(checked, 'json', { color: false })).mode,",
      '}));',
    ].join('\n');
    const dir = join(consumer, 'library');
    await mkdir(join(dir, 'lib-src'), { recursive: true });
    await writeFile(join(dir, 'lib-src/greet.ts'), 'export function greet(name: string, reqId: string) {\n  console.log(`[${reqId}] hi ${name}`);\n}\n');
    await writeFile(join(dir, 'use-api.mjs'), script);

    const result = await runProcess(process.execPath, ['use-api.mjs'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      exports: ['DEFAULT_TRACE_PARAM_NAMES', 'FORMAT_NAMES', 'UsageError', 'check', 'defineConfig', 'formatReport', 'loadConfig', 'migrate'],
      checkFindings: 2,
      migrateMode: 'dry-run',
      hasDiff: true,
      loadedMode: 'dry-run',
      json: 'check',
    });
  });

  it('exposes types through exports (tsc, NodeNext, as a consumer project would)', async () => {
    const dir = join(consumer, 'typed');
    await mkdir(dir);
    await writeFile(
      join(dir, 'typed.ts'),
      [
        "import { check, defineConfig, formatReport, migrate, type Config, type Report } from 'trace-migrate';",
        "const config: Config = defineConfig({ paths: ['src'], dryRun: true });",
        'const report: Report = await migrate(config);',
        "const text: string = formatReport(await check(config), 'text', { color: false });",
        'export const summary: number = report.summary.filesChanged + text.length;',
        '// @ts-expect-error: dryRun is a boolean',
        "defineConfig({ paths: [], dryRun: 'yes' });",
        '',
      ].join('\n'),
    );
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          noEmit: true,
          // The consumer's own @types/node (here: the repository's); the package's types are checked too.
          typeRoots: [join(REPO_ROOT, 'node_modules', '@types')],
          types: ['node'],
        },
        files: ['typed.ts'],
      }),
    );
    const result = await runProcess(process.execPath, [TSC, '-p', dir], { cwd: dir });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });
});
