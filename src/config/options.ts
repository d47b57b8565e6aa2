// Every user-facing option, once: its key (the config-file key AND the camelCase attribute
// commander derives from the flag), its flag syntax, its value kind, and where it may be given.
// The CLI builds its commander options from this table and the validator checks values by kind,
// so flags and config files cannot drift apart.
import { FORMAT_NAMES } from '../report/formatters.js';

export type OptionKind =
  | { type: 'boolean' }
  /** JavaScript identifiers; a flag takes them comma-separated and may repeat. */
  | { type: 'names' }
  | { type: 'identifier' }
  /** Non-empty glob strings; a flag takes several values. */
  | { type: 'globs' }
  | { type: 'choice'; values: readonly string[] }
  /** A path resolved against the directory of the source that declared it (flags: cwd). */
  | { type: 'path'; mustExist: 'file' | 'no' }
  /** Existing files or directories, resolved like `path`. */
  | { type: 'paths' }
  /** A positive whole number of bytes. */
  | { type: 'bytes' };

export interface OptionSpec {
  key: string;
  /** Commander flag syntax; undefined for the positional `paths`. */
  flags?: string;
  description: string;
  kind: OptionKind;
  /** Per-run switches (modes, output, terminal) belong on the command line, not in a shared file. */
  commandLineOnly: boolean;
}

export const OPTIONS = [
  { key: 'paths', description: 'files or directories to migrate', kind: { type: 'paths' }, commandLineOnly: false },
  { key: 'dryRun', flags: '--dry-run', description: 'write nothing; print a unified diff (git apply accepts it) to stdout and the report to stderr', kind: { type: 'boolean' }, commandLineOnly: true },
  { key: 'check', flags: '--check', description: 'CI gate: write nothing, list threaded ids and interpolated logs, exit 1 if any', kind: { type: 'boolean' }, commandLineOnly: true },
  { key: 'baseline', flags: '--baseline <file>', description: 'with --check: fail only on findings not in this baseline file', kind: { type: 'path', mustExist: 'no' }, commandLineOnly: false },
  { key: 'updateBaseline', flags: '--update-baseline', description: 'with --check --baseline: record the current findings in the baseline file', kind: { type: 'boolean' }, commandLineOnly: true },
  { key: 'force', flags: '--force', description: 'migrate even when the git work tree has uncommitted changes', kind: { type: 'boolean' }, commandLineOnly: true },
  { key: 'format', flags: '--format <name>', description: `report format: ${FORMAT_NAMES.join(', ')} (default: text)`, kind: { type: 'choice', values: FORMAT_NAMES }, commandLineOnly: false },
  { key: 'output', flags: '--output <file>', description: 'write the report to this file instead of the terminal', kind: { type: 'path', mustExist: 'no' }, commandLineOnly: true },
  { key: 'config', flags: '--config <file>', description: 'JSON config file (default: ./trace-migrate.config.json, then "traceMigrate" in package.json)', kind: { type: 'path', mustExist: 'file' }, commandLineOnly: true },
  { key: 'paramNames', flags: '--param-names <names>', description: 'comma-separated parameter names that may carry a request id (replaces the defaults)', kind: { type: 'names' }, commandLineOnly: false },
  { key: 'traceParams', flags: '--trace-params <names>', description: 'comma-separated names that ARE trace ids (skip the evidence check; unsafe sites are still refused)', kind: { type: 'names' }, commandLineOnly: false },
  { key: 'notTraceParams', flags: '--not-trace-params <names>', description: 'comma-separated names that are business ids: never migrated', kind: { type: 'names' }, commandLineOnly: false },
  { key: 'includePublicApi', flags: '--include-public-api', description: "also migrate functions exported from the package's public entry points", kind: { type: 'boolean' }, commandLineOnly: false },
  { key: 'runtimePath', flags: '--runtime-path <file>', description: 'where to emit the trace-context module (default: <first path>/trace-context.<ext>)', kind: { type: 'path', mustExist: 'no' }, commandLineOnly: false },
  { key: 'idField', flags: '--id-field <name>', description: 'name of the correlation id field in log records (default: correlationId)', kind: { type: 'identifier' }, commandLineOnly: false },
  { key: 'logger', flags: '--logger <backend>', description: 'log backend of the emitted module: json, pino (default: json)', kind: { type: 'choice', values: ['json', 'pino'] }, commandLineOnly: false },
  { key: 'logScope', flags: '--log-scope <scope>', description: 'console calls to convert: all, interpolated (default: all)', kind: { type: 'choice', values: ['all', 'interpolated'] }, commandLineOnly: false },
  { key: 'loggerNames', flags: '--logger-names <names>', description: "comma-separated receiver names of the project's own loggers (replaces the defaults: logger, log)", kind: { type: 'names' }, commandLineOnly: false },
  { key: 'tsconfig', flags: '--tsconfig <file>', description: 'tsconfig.json to use (default: the nearest one above the first path)', kind: { type: 'path', mustExist: 'file' }, commandLineOnly: false },
  { key: 'verify', flags: '--no-verify', description: 'write edits even if the type check finds new errors', kind: { type: 'boolean' }, commandLineOnly: false },
  { key: 'formatEdits', flags: '--no-format', description: "leave the changed lines as the rules wrote them (default: the project's prettier, else the file's own style)", kind: { type: 'boolean' }, commandLineOnly: false },
  { key: 'include', flags: '--include <glob...>', description: 'only files matching these globs (relative to each path)', kind: { type: 'globs' }, commandLineOnly: false },
  { key: 'exclude', flags: '--exclude <glob...>', description: 'skip files matching these globs (relative to each path)', kind: { type: 'globs' }, commandLineOnly: false },
  { key: 'maxFileSize', flags: '--max-file-size <bytes>', description: 'skip larger files, e.g. generated code (default: 2097152)', kind: { type: 'bytes' }, commandLineOnly: false },
  { key: 'color', flags: '--no-color', description: 'no colours in the text report (also: NO_COLOR=1)', kind: { type: 'boolean' }, commandLineOnly: true },
  { key: 'verbose', flags: '--verbose', description: 'list every finding in the text report (by default they are grouped by reason and file)', kind: { type: 'boolean' }, commandLineOnly: true },
  { key: 'progress', flags: '--no-progress', description: 'no progress bar (it only shows on a terminal anyway)', kind: { type: 'boolean' }, commandLineOnly: true },
  { key: 'debug', flags: '--debug', description: 'show stack traces of unexpected errors', kind: { type: 'boolean' }, commandLineOnly: true },
] as const satisfies readonly OptionSpec[];

export type OptionKey = (typeof OPTIONS)[number]['key'];

/** Validated values, paths absolute. */
export interface OptionValues {
  paths: string[];
  dryRun: boolean;
  check: boolean;
  baseline: string;
  updateBaseline: boolean;
  force: boolean;
  format: string;
  output: string;
  config: string;
  paramNames: string[];
  traceParams: string[];
  notTraceParams: string[];
  includePublicApi: boolean;
  runtimePath: string;
  idField: string;
  logger: 'json' | 'pino';
  logScope: 'all' | 'interpolated';
  loggerNames: string[];
  tsconfig: string;
  verify: boolean;
  formatEdits: boolean;
  include: string[];
  exclude: string[];
  maxFileSize: number;
  color: boolean;
  verbose: boolean;
  progress: boolean;
  debug: boolean;
}

// Compile-time: the table and OptionValues name the same keys.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const tableMatchesValues: SameKeys<OptionKey, keyof OptionValues> = true;
void tableMatchesValues;

const BY_KEY = new Map<string, OptionSpec>(OPTIONS.map((option) => [option.key, option]));

export function optionSpec(key: string): OptionSpec | undefined {
  return BY_KEY.get(key);
}

/** How a key is spelled on the command line: "--param-names", "--no-verify", "path argument". */
export function flagName(key: string): string {
  const flags = optionSpec(key)?.flags;
  return flags === undefined ? 'path argument' : flags.split(' ')[0];
}
