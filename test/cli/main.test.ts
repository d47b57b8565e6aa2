import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { formatReport } from '../../src/report/formatters.js';
import type { Report } from '../../src/report/report.js';
import { checkFinding, checkReport, dryRunReport, SAMPLE_DIFF } from '../report/sample-reports.js';
import { tempProject } from '../helpers/temp-project.js';
import { runCli } from './harness.js';

const ANSI = /\u001b\[[0-9;]*m/;

function project(): string {
  return tempProject({ 'src/a.ts': 'export {};\n' });
}

function withOutcome(outcome: Report['outcome'], mode: Report['mode'] = 'write'): Report {
  return { ...dryRunReport(), outcome, mode, diff: undefined };
}

describe('trace-migrate CLI: arguments', () => {
  it('prints the version and help (with examples), exit 0, without calling the engine', async () => {
    const cwd = project();
    const version = await runCli(['--version'], { cwd });
    expect(version).toMatchObject({ code: 0, stdout: '0.1.0\n', stderr: '', migrateCalls: [] });
    const help = await runCli(['--help'], { cwd });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: trace-migrate \[options\] \[paths\.\.\.\]\n/);
    expect(help.stdout).toContain('\nExamples:\n  $ trace-migrate ./src --dry-run > trace.patch\n');
    for (const flag of ['--dry-run', '--check', '--baseline <file>', '--format <name>', '--no-verify', '--include <glob...>', '--debug']) {
      expect(help.stdout).toContain(flag);
    }
  });

  it('requires a path: no argument prints the problem and the usage, exit 2', async () => {
    const result = await runCli([], { cwd: project() });
    expect(result.code).toBe(2);
    expect(result.exitCodeSet).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'trace-migrate: no paths given: name the files or directories to migrate, e.g. "trace-migrate ./src", or set "paths" in trace-migrate.config.json\n' +
        'Usage: trace-migrate [options] [paths...]\n' +
        'Run "trace-migrate --help" for all options and examples.\n',
    );
    expect(result.migrateCalls).toEqual([]);
  });

  it('rejects unknown flags with exit 2', async () => {
    const result = await runCli(['src', '--dry-runn'], { cwd: project() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: unknown option '--dry-runn'\n(Did you mean --dry-run?)");
    expect(result.migrateCalls).toEqual([]);
  });

  it('passes parsed flags to the engine as one Config', async () => {
    const cwd = tempProject({ 'src/a.ts': '', 'lib/b.ts': '' });
    const result = await runCli(
      [
        'src',
        'lib',
        '--dry-run',
        '--param-names',
        'reqId,rid',
        '--param-names',
        'cid',
        '--not-trace-params',
        'requestId',
        '--no-verify',
        '--logger',
        'pino',
        '--id-field',
        'reqId',
        '--max-file-size',
        '1000',
        '--exclude',
        '**/*.test.ts',
        'gen/**',
      ],
      { cwd },
    );
    expect(result.code).toBe(0);
    expect(result.migrateCalls).toHaveLength(1);
    expect(result.migrateCalls[0].config).toMatchObject({
      paths: [join(cwd, 'src'), join(cwd, 'lib')],
      cwd,
      dryRun: true,
      traceParamNames: ['reqId', 'rid', 'cid'],
      notTraceParams: ['requestId'],
      verify: false,
      logger: 'pino',
      idField: 'reqId',
      maxFileBytes: 1000,
      exclude: ['**/*.test.ts', 'gen/**'],
      include: [],
    });
  });

  it('uses the config file, with flags winning', async () => {
    const cwd = tempProject({ 'src/a.ts': '', 'trace-migrate.config.json': { paths: ['src'], logger: 'pino', idField: 'rid' } });
    const result = await runCli(['--id-field', 'cid'], { cwd });
    expect(result.code).toBe(0);
    expect(result.migrateCalls[0].config).toMatchObject({ paths: [join(cwd, 'src')], logger: 'pino', idField: 'cid' });
  });

  it('stops on a bad value before the engine runs: exit 2 and a message naming source and key', async () => {
    const cwd = tempProject({ 'src/a.ts': '', 'trace-migrate.config.json': { logScope: 'everything' } });
    const result = await runCli(['src'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      'trace-migrate: trace-migrate.config.json: "logScope" must be one of "all", "interpolated" (got "everything")',
    );
    expect(result.migrateCalls).toEqual([]);
    const flag = await runCli(['src', '--format', 'html'], { cwd: project() });
    expect(flag.code).toBe(2);
    expect(flag.stderr.split('\n')[0]).toBe('trace-migrate: --format must be one of "text", "json", "markdown", "github", "sarif" (got "html")');
  });
});

describe('trace-migrate CLI: exit codes', () => {
  it.each([
    ['ok', 0],
    ['partial', 1],
    ['nothing-selected', 2],
  ] as const)('migrate outcome %s exits %i', async (outcome, code) => {
    const result = await runCli(['src'], { cwd: project(), migrate: async () => withOutcome(outcome) });
    expect(result.code).toBe(code);
    expect(result.exitCodeSet).toBe(code);
  });

  it('check exits 1 on findings, 0 when clean or when every finding is baselined or a note', async () => {
    const cwd = project();
    const run = (report: Report, extra: string[] = []) => runCli(['src', '--check', ...extra], { cwd, check: async () => report });
    expect((await run(checkReport())).code).toBe(1);
    expect((await run({ ...checkReport(), findings: [] })).code).toBe(0);
    expect((await run({ ...checkReport(), findings: [checkFinding({ baselined: true })] })).code).toBe(0);
    expect((await run({ ...checkReport(), findings: [checkFinding({ kind: 'note' })] })).code).toBe(0);
    expect((await run({ ...checkReport(), findings: [checkFinding({ kind: 'kept' })] })).code).toBe(1);
    expect((await run({ ...checkReport(), findings: [checkFinding({ kind: 'error' })] })).code).toBe(1);
    expect((await run({ ...checkReport(), outcome: 'nothing-selected', findings: [] })).code).toBe(2);
    // The check stage's own count of new findings wins when it gives one.
    const counted = { ...checkReport(), summary: { ...checkReport().summary, newFindings: 0 } };
    expect((await run(counted)).code).toBe(0);
    expect((await run(checkReport(), ['--baseline', 'b.json', '--update-baseline'])).code).toBe(0);
  });

  it('passes --check options to check(), not migrate()', async () => {
    const cwd = project();
    const result = await runCli(['src', '--check', '--baseline', 'base.json'], { cwd, check: async () => checkReport() });
    expect(result.migrateCalls).toEqual([]);
    expect(result.checkCalls[0]).toMatchObject({ baselinePath: join(cwd, 'base.json'), updateBaseline: false, dryRun: false });
  });

  it("an engine UsageError (dirty tree) is one line, exit 2", async () => {
    const result = await runCli(['src'], {
      cwd: project(),
      migrate: async () => {
        throw new UsageError('the git work tree has uncommitted changes; commit or stash them, or use --force');
      },
    });
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'trace-migrate: the git work tree has uncommitted changes; commit or stash them, or use --force\n',
    });
  });

  it('a crash shows one line and no stack trace; --debug shows the stack', async () => {
    const crash = async (): Promise<Report> => {
      throw new TypeError("Cannot read properties of undefined (reading 'getText')\nsecond line");
    };
    const quiet = await runCli(['src'], { cwd: project(), migrate: crash });
    expect(quiet.code).toBe(2);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr).toBe(
      "trace-migrate: unexpected error: Cannot read properties of undefined (reading 'getText') (run again with --debug for the stack trace)\n",
    );
    const debug = await runCli(['src', '--debug'], { cwd: project(), migrate: crash });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^trace-migrate: unexpected error: Cannot read/);
    expect(debug.stderr).toMatch(/\n\s+at .*main\.test\.ts/);
  });

  it('a formatter or output failure is also an error exit, not a crash', async () => {
    const cwd = tempProject({ 'src/a.ts': '', 'blocker': 'a file where a directory should be' });
    const result = await runCli(['src', '--output', 'blocker/report.txt'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^trace-migrate: cannot write the report to .*blocker\/report\.txt \((ENOTDIR|EEXIST)\)\n$/);
  });
});

describe('trace-migrate CLI: output', () => {
  it('dry run: stdout is exactly the diff, the report goes to stderr', async () => {
    const result = await runCli(['src', '--dry-run'], { cwd: project() });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(SAMPLE_DIFF);
    expect(result.stderr).toBe(formatReport(dryRunReport(), 'text', { color: false }));
  });

  it('dry run with --format json: the JSON report on stderr parses back', async () => {
    const result = await runCli(['src', '--dry-run', '--format', 'json'], { cwd: project() });
    expect(result.stdout).toBe(SAMPLE_DIFF);
    expect(JSON.parse(result.stderr)).toEqual(dryRunReport());
  });

  it('migrate and check print the report on stdout and nothing on stderr', async () => {
    const cwd = project();
    const write = await runCli(['src', '--format', 'github'], { cwd, migrate: async () => withOutcome('ok') });
    expect(write.stdout).toBe(formatReport(withOutcome('ok'), 'github', { color: false }));
    expect(write.stderr).toBe('');
    const check = await runCli(['src', '--check'], { cwd, check: async () => checkReport() });
    expect(check.stdout).toBe(formatReport(checkReport(), 'text', { color: false }));
    expect(check.stderr).toBe('');
  });

  it('--output writes the report to a file (creating folders); a dry run still prints the diff', async () => {
    const cwd = project();
    const result = await runCli(['src', '--dry-run', '--format', 'markdown', '--output', 'reports/pr.md'], {
      cwd,
      isTTY: { stdout: true, stderr: true },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(SAMPLE_DIFF);
    expect(result.stderr).not.toContain('trace-migrate 0.1.0'); // no report on the terminal
    expect(readFileSync(join(cwd, 'reports/pr.md'), 'utf8')).toBe(formatReport(dryRunReport(), 'markdown', { color: false }));
  });
});

describe('trace-migrate CLI: colour', () => {
  const tty = { stdout: true, stderr: true };
  const colourOf = async (args: string[], isTTY: { stdout: boolean; stderr: boolean }, env: Record<string, string> = {}) => {
    const result = await runCli(['src', ...args], { cwd: project(), isTTY, env, migrate: async () => withOutcome('ok') });
    return ANSI.test(result.stdout + result.stderr);
  };

  it('colours the text report on a terminal', async () => {
    expect(await colourOf([], tty)).toBe(true);
  });

  it('never colours when piped, with NO_COLOR, with --no-color, or into --output', async () => {
    expect(await colourOf([], { stdout: false, stderr: true })).toBe(false);
    expect(await colourOf([], tty, { NO_COLOR: '1' })).toBe(false);
    expect(await colourOf(['--no-color'], tty)).toBe(false);
    expect(await colourOf(['--no-color'], tty, { FORCE_COLOR: '1' })).toBe(false);
    expect(await colourOf(['--output', 'r.txt'], tty)).toBe(false);
  });

  it('an empty NO_COLOR does not count (no-color.org); FORCE_COLOR colours a pipe', async () => {
    expect(await colourOf([], tty, { NO_COLOR: '' })).toBe(true);
    expect(await colourOf([], { stdout: false, stderr: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(await colourOf([], tty, { FORCE_COLOR: '0' })).toBe(false);
  });

  it('in a dry run, follows stderr (where the report goes), not stdout', async () => {
    expect(await colourOf(['--dry-run'], { stdout: true, stderr: false })).toBe(false);
    const result = await runCli(['src', '--dry-run'], { cwd: project(), isTTY: { stdout: false, stderr: true } });
    expect(ANSI.test(result.stderr)).toBe(true);
    expect(result.stdout).toBe(SAMPLE_DIFF);
  });
});

describe('trace-migrate CLI: progress', () => {
  const slowMigrate = async (_config: unknown, hooks?: { onProgress?: (p: { phase: 'analyze'; done: number; total: number }) => void }) => {
    for (let done = 0; done <= 4; done++) hooks?.onProgress?.({ phase: 'analyze', done, total: 4 });
    return withOutcome('ok');
  };

  it('draws a bar on stderr when it is a terminal, and clears it before the report', async () => {
    const result = await runCli(['src', '--dry-run'], { cwd: project(), isTTY: { stdout: false, stderr: true }, migrate: slowMigrate });
    expect(result.migrateCalls[0].hooks?.onProgress).toBeTypeOf('function');
    expect(result.stderr).toContain('analyze  [');
    expect(result.stderr).toContain('4/4 files');
    const report = formatReport(withOutcome('ok'), 'text', { color: true });
    expect(result.stderr.endsWith(report)).toBe(true);
  });

  it('draws nothing when stderr is piped or with --no-progress', async () => {
    for (const [args, isTTY] of [
      [[], { stdout: false, stderr: false }],
      [['--no-progress'], { stdout: true, stderr: true }],
    ] as const) {
      const result = await runCli(['src', ...args], { cwd: project(), isTTY, migrate: slowMigrate });
      expect(result.migrateCalls[0].hooks?.onProgress).toBeUndefined();
      expect(result.stderr).toBe('');
    }
  });
});
