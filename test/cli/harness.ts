// Runs main() with a fake engine and captured output.
import type { CliDeps } from '../../src/cli/main.js';
import { main } from '../../src/cli/main.js';
import type { Config } from '../../src/config/config.js';
import type { MigrateHooks } from '../../src/migrate.js';
import type { Report } from '../../src/report/report.js';
import { dryRunReport } from '../report/sample-reports.js';

export interface HarnessOptions {
  cwd: string;
  migrate?: (config: Config, hooks?: MigrateHooks) => Promise<Report>;
  check?: (config: Config) => Promise<Report>;
  isTTY?: { stdout: boolean; stderr: boolean };
  env?: Record<string, string | undefined>;
}

export interface RunResult {
  code: number;
  exitCodeSet: number | undefined;
  stdout: string;
  stderr: string;
  migrateCalls: { config: Config; hooks?: MigrateHooks }[];
  checkCalls: Config[];
}

export async function runCli(args: string[], options: HarnessOptions): Promise<RunResult> {
  const isTTY = options.isTTY ?? { stdout: false, stderr: false };
  const result: RunResult = { code: -1, exitCodeSet: undefined, stdout: '', stderr: '', migrateCalls: [], checkCalls: [] };
  const deps: CliDeps = {
    migrate: async (config, hooks) => {
      result.migrateCalls.push({ config, hooks });
      return (options.migrate ?? (async () => dryRunReport()))(config, hooks);
    },
    check: async (config) => {
      result.checkCalls.push(config);
      if (!options.check) throw new Error('check not expected');
      return options.check(config);
    },
    stdout: { write: (text: string) => (result.stdout += text), isTTY: isTTY.stdout },
    stderr: { write: (text: string) => (result.stderr += text), isTTY: isTTY.stderr },
    isTTY,
    env: options.env ?? {},
    cwd: options.cwd,
    setExitCode: (code) => (result.exitCodeSet = code),
  };
  result.code = await main(['/usr/bin/node', '/usr/bin/trace-migrate', ...args], deps);
  return result;
}
