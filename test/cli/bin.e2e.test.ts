// The built bin (`node bin/trace-migrate.js`, which runs dist/) used as a user would, on temporary
// copies: what it prints where, its exit codes, and that bad input never costs a byte or a stack
// trace. `npm test` builds dist/ first. Unit tests of the CLI with a fake engine are in main.test.ts.
// The tests run concurrently (each waits on its own child processes), so each has its own folders.
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installedCopy } from '../helpers/installed-copy.js';
import { writeTree } from '../helpers/temp-dir.js';
import { copyApp, REPO_ROOT } from '../support/example-app.js';
import { runProcess, STACK_FRAME, type ProcessResult } from '../support/run-process.js';
import { snapshotTree } from '../support/tree-snapshot.js';

const BIN = join(REPO_ROOT, 'bin', 'trace-migrate.js');
const VERSION = (JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const NOBODY = 65534;
/** Concurrent child processes on a busy CI machine: generous, a hang still fails. */
const SLOW_MACHINE_TIMEOUT = 180_000;

// Removed when the file is done: a per-test cleanup shared by concurrent tests would race.
const tempDirs: string[] = [];
afterAll(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function makeTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

function runBin(args: readonly string[], cwd: string, as?: { uid: number; bin: string }): Promise<ProcessResult> {
  // No colour and no terminal: the output is what a pipe or a CI log gets.
  return runProcess(process.execPath, [as?.bin ?? BIN, ...args], { cwd, env: { NO_COLOR: '1', FORCE_COLOR: undefined }, ...(as && { uid: as.uid }) });
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' });
}

/** A temp dir holding a copy of the example app at `app/` (node_modules linked to the repo's). */
async function exampleAppCopy(): Promise<{ dir: string }> {
  const dir = await makeTempDir('trace-migrate-bin-');
  await copyApp(join(dir, 'app'));
  return { dir };
}

/** Asserts the failure was told in one clear first line, with no stack trace anywhere. */
function expectCleanFailure(result: ProcessResult, firstLine: RegExp): void {
  expect(result.stderr.split('\n')[0]).toMatch(firstLine);
  expect(result.stderr).not.toMatch(STACK_FRAME);
  expect(result.stdout).not.toMatch(STACK_FRAME);
}

/** A file the migration changes, so each bad-input case shows that the rest of the run goes on. */
const GOOD_FILE = [
  'export function greet(name: string, reqId: string): void {',
  '  console.log(`[${reqId}] hello ${name}`);',
  '}',
  '',
].join('\n');

const MIGRATED_GOOD_FILE = [
  "import { log } from './trace-context.js';",
  '',
  'export function greet(name: string): void {',
  "  log.info('hello {name}', { name });",
  '}',
  '',
].join('\n');

describe.concurrent('trace-migrate (built bin) on the example app', { timeout: SLOW_MACHINE_TIMEOUT }, () => {
  it('--dry-run prints a patch git apply accepts on stdout, the report on stderr, and writes nothing', async () => {
    const { dir } = await exampleAppCopy();
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'example app');
    const before = await snapshotTree(dir);

    const result = await runBin(['app/src', '--dry-run'], dir);

    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^diff --git a\/app\/src\//);
    expect(result.stdout).toContain('+++ b/app/src/trace-context.ts');
    expect(result.stderr).toMatch(new RegExp(`^trace-migrate ${VERSION.replace(/\./g, '\\.')} dry run of app/src `));
    expect(result.stderr).toMatch(/^Dry run: \d+ of 14 files would change; nothing was written\.$/m);
    expect(await snapshotTree(dir)).toEqual(before);

    const patch = join(await makeTempDir('trace-migrate-patch-'), 'trace.patch');
    await writeFile(patch, result.stdout);
    expect(() => git(dir, 'apply', '--check', patch)).not.toThrow();
  });

  it('refuses to migrate in place over uncommitted changes, and migrates with --force', async () => {
    const { dir } = await exampleAppCopy();
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'example app');
    const server = join(dir, 'app/src/server.ts');
    await writeFile(server, `${await readFile(server, 'utf8')}// work in progress\n`);
    const dirty = await snapshotTree(dir);

    const refused = await runBin(['app/src'], dir);
    expect(refused.exitCode).toBe(2);
    expectCleanFailure(
      refused,
      /^trace-migrate: uncommitted changes under the given paths \(1 file, e\.g\. app\/src\/server\.ts\); commit or stash them first, or pass --force$/,
    );
    expect(refused.stdout).toBe('');
    expect(await snapshotTree(dir)).toEqual(dirty);

    const forced = await runBin(['app/src', '--force'], dir);
    expect(forced.stderr).toBe('');
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toMatch(/^trace-migrate \S+ migration of app\/src /);
    const changed = git(dir, 'status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean).sort();
    expect(changed).toContain('?? app/src/trace-context.ts');
    expect(changed).toContain(' M app/src/http/router.ts');
    expect(await readFile(server, 'utf8')).toMatch(/\/\/ work in progress\n$/);
    expect(await readFile(join(dir, 'app/src/services/order-service.ts'), 'utf8')).not.toMatch(/\breqId\b/);
  });

  it('--check exits 1 listing file:line:col and rule ids; --baseline fails only on new findings', async () => {
    const { dir } = await exampleAppCopy();
    const before = await snapshotTree(dir);

    const findings = await runBin(['app/src', '--check'], dir);
    expect(findings.exitCode).toBe(1);
    expect(findings.stdout).toMatch(/^app\/src\/clients\/payment-gateway\.ts:\d+:\d+ +manual .*\(trace-params\)$/m);
    expect(findings.stdout).toMatch(/^app\/src\/clients\/payment-gateway\.ts:\d+:\d+ +manual .*\(structured-logs\)$/m);
    expect(await snapshotTree(dir)).toEqual(before);

    const recorded = await runBin(['app/src', '--check', '--baseline', 'trace-baseline.json', '--update-baseline'], dir);
    expect(recorded.exitCode).toBe(0);
    const baseline = JSON.parse(await readFile(join(dir, 'trace-baseline.json'), 'utf8')) as { findings: unknown[] };
    expect(baseline.findings.length).toBeGreaterThan(0);

    const unchanged = await runBin(['app/src', '--check', '--baseline', 'trace-baseline.json'], dir);
    expect(unchanged.exitCode).toBe(0);
    expect(unchanged.stdout).toMatch(/^Check passed: /m);

    const timing = join(dir, 'app/src/utils/timing.ts');
    await writeFile(timing, `${await readFile(timing, 'utf8')}export function extra(n: number) {\n  console.log(\`extra \${n}\`);\n}\n`);
    const regressed = await runBin(['app/src', '--check', '--baseline', 'trace-baseline.json'], dir);
    expect(regressed.exitCode).toBe(1);
    const listed = regressed.stdout.split('\n').filter((line) => /^app\/src\/\S+:\d+:\d+ /.test(line));
    expect(listed).toEqual([expect.stringMatching(/^app\/src\/utils\/timing\.ts:14:3 +manual .*\(structured-logs\)$/)]);
  });

  it('--check passes (exit 0) on code with nothing to migrate', async () => {
    const dir = await makeTempDir('trace-migrate-bin-');
    await writeTree(dir, { 'src/clean.ts': "export function add(a: number, b: number) {\n  return a + b;\n}\n" });
    const result = await runBin(['src', '--check'], dir);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('--format json prints a report that parses, on stdout for --check and on stderr for --dry-run', async () => {
    const { dir } = await exampleAppCopy();
    const checked = await runBin(['app/src', '--check', '--format', 'json'], dir);
    expect(checked.exitCode).toBe(1);
    expect(JSON.parse(checked.stdout)).toMatchObject({ tool: { name: 'trace-migrate', version: VERSION }, mode: 'check' });

    await writeTree(dir, { 'small/greet.ts': GOOD_FILE });
    const dryRun = await runBin(['small', '--dry-run', '--format', 'json'], dir);
    expect(dryRun.exitCode).toBe(0);
    expect(dryRun.stdout).toMatch(/^diff --git a\/small\/greet\.ts b\/small\/greet\.ts\n/);
    const report = JSON.parse(dryRun.stderr) as { mode: string; summary: { filesScanned: number; filesChanged: number } };
    expect(report.mode).toBe('dry-run');
    expect(report.summary).toMatchObject({ filesScanned: 1, filesChanged: 1 });
  });
});

describe.concurrent('trace-migrate (built bin) on bad input', { timeout: SLOW_MACHINE_TIMEOUT }, () => {
  it('a missing path: exit 2, one line naming it', async () => {
    const dir = await makeTempDir('trace-migrate-bin-');
    const result = await runBin(['no-such-dir', '--dry-run'], dir);
    expect(result.exitCode).toBe(2);
    expectCleanFailure(result, /^trace-migrate: path argument: "no-such-dir" does not exist \(looked for .*no-such-dir\)$/);
  });

  it('an empty directory: exit 2, says nothing was selected', async () => {
    const dir = await makeTempDir('trace-migrate-bin-');
    await mkdir(join(dir, 'empty'));
    const result = await runBin(['empty'], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(/^Nothing selected: no file to migrate in empty\. Nothing was done\.$/m);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(await snapshotTree(dir)).toEqual({});
  });

  it('no paths: exit 2, says how to give them', async () => {
    const dir = await makeTempDir('trace-migrate-bin-');
    const result = await runBin([], dir);
    expect(result.exitCode).toBe(2);
    expectCleanFailure(result, /^trace-migrate: no paths given: name the files or directories to migrate, e\.g\. "trace-migrate \.\/src"/);
  });

  it('a bad flag value or config value: exit 2, one line naming the option and the value', async () => {
    const dir = await makeTempDir('trace-migrate-bin-');
    await writeTree(dir, { 'src/greet.ts': GOOD_FILE });
    const before = await snapshotTree(dir);
    const flag = await runBin(['src', '--max-file-size', 'lots'], dir);
    expect(flag.exitCode).toBe(2);
    expectCleanFailure(flag, /^trace-migrate: --max-file-size must be a whole number of bytes above 0 \(got "lots"\)$/);

    await writeTree(dir, { 'trace-migrate.config.json': '{ "logger": "winston" }\n' });
    const configured = await runBin(['src'], dir);
    expect(configured.exitCode).toBe(2);
    expectCleanFailure(configured, /^trace-migrate: trace-migrate\.config\.json: "logger" must be one of "json", "pino" \(got "winston"\)$/);
    expect(await snapshotTree(dir)).toEqual({ ...before, 'trace-migrate.config.json': expect.any(String) });
    expect(await readFile(join(dir, 'src/greet.ts'), 'utf8')).toBe(GOOD_FILE);
  });

  it('a file that does not parse: reported with file:line, left as is, the rest migrated (exit 1)', async () => {
    const dir = await makeTempDir('trace-migrate-bin-');
    const broken = 'export function broken(reqId: string {{{\n  console.log(`[${reqId}] never`);\n';
    await writeTree(dir, { 'src/greet.ts': GOOD_FILE, 'src/broken.ts': broken });

    const result = await runBin(['src'], dir);

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^src\/broken\.ts:1:\d+ +error +does not parse \(.+\); left unchanged/m);
    expect(await readFile(join(dir, 'src/broken.ts'), 'utf8')).toBe(broken);
    expect(await readFile(join(dir, 'src/greet.ts'), 'utf8')).toBe(MIGRATED_GOOD_FILE);
  });

  it('an unreadable file: reported, left as is, the rest migrated (exit 1)', async () => {
    const dir = await makeTempDir('trace-migrate-bin-');
    const secret = 'export function hidden(reqId: string) {\n  console.log(`[${reqId}] hidden`);\n}\n';
    await writeTree(dir, { 'src/greet.ts': GOOD_FILE, 'src/unreadable.ts': secret });
    // Root reads any file: run as `nobody`, who may write the tree but not read that one file.
    // `nobody` runs a copy of the built tool of its own: the checkout may be private to root.
    let asNobody: { uid: number; bin: string } | undefined;
    if (process.geteuid?.() === 0) {
      for (const writable of [dir, join(dir, 'src')]) await chmod(writable, 0o777);
      await chmod(join(dir, 'src/greet.ts'), 0o666);
      const install = await makeTempDir('trace-migrate-install-');
      asNobody = { uid: NOBODY, bin: await installedCopy(REPO_ROOT, install) };
    }
    await chmod(join(dir, 'src/unreadable.ts'), 0o000);

    const result = await runBin(['src'], dir, asNobody);

    await chmod(join(dir, 'src/unreadable.ts'), 0o644);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^src\/unreadable\.ts:1:1 +error +Could not read: .*EACCES/m);
    expect(await readFile(join(dir, 'src/unreadable.ts'), 'utf8')).toBe(secret);
    expect(await readFile(join(dir, 'src/greet.ts'), 'utf8')).toBe(MIGRATED_GOOD_FILE);
  });

  it('a symlink pointing out of the root: not followed, its target untouched', async () => {
    const dir = await makeTempDir('trace-migrate-bin-');
    const outside = 'export function elsewhere(reqId: string) {\n  console.log(`[${reqId}] elsewhere`);\n}\n';
    await writeTree(dir, { 'src/greet.ts': GOOD_FILE, 'outside/elsewhere.ts': outside });
    await symlink('../outside/elsewhere.ts', join(dir, 'src/elsewhere.ts'));

    const result = await runBin(['src'], dir);

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^src\/elsewhere\.ts:1:1 +note +Skipped: symbolic link to a file outside the root \(outside\/elsewhere\.ts\): not followed\./m);
    expect(await readFile(join(dir, 'outside/elsewhere.ts'), 'utf8')).toBe(outside);
    expect((await snapshotTree(dir))['src/elsewhere.ts']).toBe('-> ../outside/elsewhere.ts');
    expect(await readFile(join(dir, 'src/greet.ts'), 'utf8')).toBe(MIGRATED_GOOD_FILE);
  });

  it('a file over --max-file-size: skipped with a note, left as is', async () => {
    const dir = await makeTempDir('trace-migrate-bin-');
    const rows = Array.from({ length: 2000 }, (_, i) => `  'generated row ${i} ${'x'.repeat(40)}',`);
    const huge = `export function generated(reqId: string) {\n  console.log(\`[\${reqId}] generated\`);\n}\nexport const rows = [\n${rows.join('\n')}\n];\n`;
    await writeTree(dir, { 'src/greet.ts': GOOD_FILE, 'src/generated.ts': huge });

    const result = await runBin(['src', '--max-file-size', '65536'], dir);

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^src\/generated\.ts:1:1 +note +Skipped: too large: [\d.]+ KiB exceeds the 64(\.0)? KiB limit/m);
    expect(await readFile(join(dir, 'src/generated.ts'), 'utf8')).toBe(huge);
    expect(await readFile(join(dir, 'src/greet.ts'), 'utf8')).toBe(MIGRATED_GOOD_FILE);
  });
});

describe.concurrent('trace-migrate (built bin) --version and --help', { timeout: SLOW_MACHINE_TIMEOUT }, () => {
  it('--version prints the package version', async () => {
    const result = await runBin(['--version'], REPO_ROOT);
    expect(result).toEqual({ exitCode: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('--help shows usage, the options and examples', async () => {
    const result = await runBin(['--help'], REPO_ROOT);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Usage: trace-migrate \[options\] \[paths\.\.\.\]\n/);
    expect(result.stdout).toContain('--dry-run');
    expect(result.stdout).toContain('--check');
    expect(result.stdout).toMatch(/^Examples:\n {2}\$ trace-migrate \.\/src --dry-run > trace\.patch$/m);
    expect(result.stdout).toMatch(/^Exit codes: /m);
  });
});
