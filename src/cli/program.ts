// The commander program, built from the option table (config/options.ts) so every flag has a
// config-file twin. Commander only parses; values are validated by config/validate.ts.
import { Command, Option } from 'commander';
import { OPTIONS } from '../config/options.js';

export interface ProgramOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

export const EXAMPLES = `
Examples:
  $ trace-migrate ./src --dry-run > trace.patch
      Preview: the diff goes to stdout (git apply accepts it), the report to stderr.
  $ trace-migrate ./src
      Migrate in place (refuses a dirty git tree unless --force).
  $ trace-migrate ./src --check
      CI gate: exit 1 while threaded request ids or interpolated logs remain.
  $ trace-migrate ./src --check --baseline trace-baseline.json --update-baseline
      Record today's findings; later --check runs fail only on new ones.
  $ trace-migrate ./src --dry-run --format markdown --output report.md > trace.patch
      A pull-request comment and a patch from one run.
  $ trace-migrate ./src --param-names reqId,rid --not-trace-params requestId
      Choose which parameter names are considered, and rule one out.

Config: trace-migrate.config.json (or "traceMigrate" in package.json) takes the same options
as the flags, camelCase, e.g. { "paths": ["src"], "paramNames": ["reqId"], "logger": "pino" }.
Flags win over the file, the file over package.json. JSON only: no code is executed.

Exit codes: 0 done / check clean; 1 partial run / check findings;
            2 usage or config error, no file selected, unexpected error.
`;

/** Repeatable list flags: `--param-names a,b --param-names c` collects ["a,b", "c"] (split later). */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function buildProgram(version: string, output: ProgramOutput): Command {
  const program = new Command('trace-migrate')
    .description(
      'Move Node.js code off hand-threaded request ids and interpolated console logs onto an ' +
        'AsyncLocalStorage trace context with structured logs.',
    )
    .argument('[paths...]', 'files or directories to migrate (required here or as "paths" in the config file)')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run "trace-migrate --help" for usage)')
    .configureOutput({ writeOut: output.writeOut, writeErr: output.writeErr })
    .exitOverride();

  for (const spec of OPTIONS) {
    if (!('flags' in spec)) continue;
    const option = new Option(spec.flags, spec.description);
    if (spec.kind.type === 'names') option.argParser(collect);
    // `--no-format` would be commander's `format`, which `--format <name>` (the report) already is.
    if (option.attributeName() !== spec.key) option.attributeName = () => spec.key;
    program.addOption(option);
  }
  return program;
}

/** The flags the user actually typed (not commander's defaults such as color=true for --no-color). */
export function givenFlags(program: Command): Record<string, unknown> {
  const options = program.opts();
  return Object.fromEntries(Object.entries(options).filter(([key]) => program.getOptionValueSource(key) === 'cli'));
}
