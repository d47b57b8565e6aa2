// The CLI: a thin shell over the engine. Parses flags, loads the config, runs migrate or check,
// prints the report in the chosen format and maps the outcome to an exit code. The only module
// that prints or sets the exit code; every dependency is injectable so tests use a fake engine.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CommanderError } from 'commander';
import type { Config } from '../config/config.js';
import { loadConfig, type LoadedConfig } from '../config/load.js';
import { UsageError } from '../errors.js';
import type { MigrateHooks } from '../migrate.js';
import { formatReport } from '../report/formatters.js';
import type { Report } from '../report/report.js';
import { shouldUseColor } from './color.js';
import { EXIT_USAGE, exitCodeFor } from './exit-code.js';
import { buildProgram, givenFlags } from './program.js';
import { createProgressBar, shouldShowProgress, type ProgressStream, type ProgressView } from './progress.js';
import { toolVersion } from '../tool-info.js';

export interface TextSink extends ProgressStream {
  write(text: string): unknown;
}

export interface CliDeps {
  migrate: (config: Config, hooks?: MigrateHooks) => Promise<Report>;
  check: (config: Config) => Promise<Report>;
  stdout: TextSink;
  stderr: TextSink;
  /** Whether stdout / stderr are terminals (colour and the progress bar depend on it). */
  isTTY: { stdout: boolean; stderr: boolean };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Default: sets process.exitCode (never process.exit, so piped output is flushed). */
  setExitCode: (code: number) => void;
}

function defaultDeps(): CliDeps {
  handleClosedPipes();
  return {
    // Loaded on demand: --help, --version and --check never pay for ts-morph.
    migrate: async (config, hooks) => (await import('../migrate.js')).migrate(config, hooks),
    check: async (config) => (await import('../check/check.js')).check(config),
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true },
    env: process.env,
    cwd: process.cwd(),
    setExitCode: (code) => {
      process.exitCode = code;
    },
  };
}

let pipesHandled = false;

/**
 * `trace-migrate --dry-run | head` closes stdout early: that is the reader's choice, not a crash
 * (without a handler Node throws the EPIPE with a stack trace).
 */
function handleClosedPipes(): void {
  if (pipesHandled) return;
  pipesHandled = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') return;
      if (stream !== process.stderr) process.stderr.write(`trace-migrate: cannot write output (${error.code ?? error.message})\n`);
      process.exitCode = EXIT_USAGE;
    });
  }
}

/** Runs the CLI with `argv` as node gives it (`[node, script, ...args]`); resolves to the exit code. */
export async function main(argv: readonly string[], deps: Partial<CliDeps> = {}): Promise<number> {
  const io: CliDeps = { ...defaultDeps(), ...deps };
  let code: number;
  try {
    code = await run(argv, io);
  } catch (error) {
    code = printError(error, io, argv.includes('--debug'));
  }
  io.setExitCode(code);
  return code;
}

async function run(argv: readonly string[], io: CliDeps): Promise<number> {
  const program = buildProgram(toolVersion(), {
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
  });
  try {
    program.parse([...argv], { from: 'node' });
  } catch (error) {
    // Commander has already printed help, the version, or its error message.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    throw error;
  }

  let loaded: LoadedConfig;
  try {
    loaded = loadConfig({ flags: givenFlags(program), paths: program.args, cwd: io.cwd });
  } catch (error) {
    if (!isUsageError(error)) throw error;
    io.stderr.write(
      `trace-migrate: ${error.message}\nUsage: trace-migrate ${program.usage()}\nRun "trace-migrate --help" for all options and examples.\n`,
    );
    return EXIT_USAGE;
  }
  const { config, cli } = loaded;

  let report: Report;
  const progress: ProgressView | undefined =
    cli.mode !== 'check' && shouldShowProgress({ requested: cli.progress, isTTY: io.isTTY.stderr })
      ? createProgressBar(io.stderr)
      : undefined;
  try {
    report =
      cli.mode === 'check'
        ? await io.check(config)
        : await io.migrate(config, progress ? { onProgress: (p) => progress.update(p) } : {});
  } catch (error) {
    progress?.stop();
    return printError(error, io, cli.debug);
  }
  progress?.stop();

  // Dry run: stdout carries only the patch (`> trace.patch` stays clean); the report goes to stderr.
  const destination = cli.mode === 'dry-run' ? 'stderr' : 'stdout';
  const color = cli.outputPath === undefined && shouldUseColor({ requested: cli.color, env: io.env, isTTY: io.isTTY[destination] });
  const text = formatReport(report, cli.format, { color, cwd: config.cwd, verbose: cli.verbose });
  if (cli.mode === 'dry-run' && report.diff) io.stdout.write(report.diff);
  if (cli.outputPath !== undefined) {
    try {
      mkdirSync(dirname(cli.outputPath), { recursive: true });
      writeFileSync(cli.outputPath, text);
    } catch (error) {
      io.stderr.write(`trace-migrate: cannot write the report to ${cli.outputPath} (${errorCode(error)})\n`);
      return EXIT_USAGE;
    }
  } else {
    io[destination].write(text);
  }
  return exitCodeFor(report, cli.mode, config.updateBaseline);
}

/** One clear line; a stack trace only with --debug. */
function printError(error: unknown, io: CliDeps, debug: boolean): number {
  if (isUsageError(error)) {
    io.stderr.write(`trace-migrate: ${error.message}\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (debug) {
    io.stderr.write(`trace-migrate: unexpected error: ${message}\n${error instanceof Error ? error.stack : ''}\n`);
  } else {
    io.stderr.write(`trace-migrate: unexpected error: ${firstLine(message)} (run again with --debug for the stack trace)\n`);
  }
  return EXIT_USAGE;
}

/** By name too: a UsageError from a second copy of the module (src vs dist) is still one. */
function isUsageError(error: unknown): error is Error {
  return error instanceof UsageError || (error instanceof Error && error.name === 'UsageError');
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}
