// Flags + JSON config file + package.json "traceMigrate" → one validated Config plus the
// settings only the CLI uses. Precedence per key: flags, then the config file, then package.json.
// Every source is validated in full (validate.ts) before anything is merged.
import { DEFAULT_TRACE_PARAM_NAMES, defineConfig, type Config } from './config.js';
import { UsageError } from '../errors.js';
import type { FormatName } from '../report/formatters.js';
import type { OptionValues } from './options.js';
import { CONFIG_FILE_NAME, readConfigFile, readPackageJsonOptions } from './sources.js';
import { validateOptions, where, type OptionSource, type PartialOptions } from './validate.js';

export interface LoadInput {
  /** Flags the user actually gave, keyed like the config file (commander attribute names). */
  flags: Record<string, unknown>;
  /** Positional path arguments as typed. */
  paths: readonly string[];
  /** Directory flags and positional paths are relative to. */
  cwd: string;
}

export type RunMode = 'write' | 'dry-run' | 'check';

/** What only the CLI needs: how to run and where/how to print. */
export interface CliSettings {
  mode: RunMode;
  format: FormatName;
  /** Absolute path for --output; undefined = the terminal. */
  outputPath?: string;
  /** False when --no-color was given (the CLI still checks NO_COLOR and the TTY). */
  color: boolean;
  /** --verbose: the text report lists every finding instead of grouping them. */
  verbose: boolean;
  /** False when --no-progress was given (the CLI still requires a TTY). */
  progress: boolean;
  debug: boolean;
}

export interface LoadedConfig {
  config: Config;
  cli: CliSettings;
}

interface Layer {
  source: OptionSource;
  values: PartialOptions;
}

export function loadConfig(input: LoadInput): LoadedConfig {
  const flagSource: OptionSource = { kind: 'flags', baseDir: input.cwd };
  const rawFlags = input.paths.length > 0 ? { ...input.flags, paths: [...input.paths] } : input.flags;
  const layers: Layer[] = [{ source: flagSource, values: validateOptions(rawFlags, flagSource) }];

  const configFile = readConfigFile(input.cwd, layers[0].values.config);
  if (configFile) {
    const source: OptionSource = { kind: 'config-file', file: configFile.file, label: configFile.label };
    layers.push({ source, values: validateOptions(configFile.options, source) });
  }
  const packageJson = readPackageJsonOptions(input.cwd);
  if (packageJson) {
    const source: OptionSource = { kind: 'package-json', file: packageJson.file, label: packageJson.label };
    layers.push({ source, values: validateOptions(packageJson.options, source) });
  }

  /** The first layer (highest precedence) that sets `key`. */
  const pick = <K extends keyof OptionValues>(key: K): { value: OptionValues[K]; source: OptionSource } | undefined => {
    for (const layer of layers) {
      const value = layer.values[key];
      if (value !== undefined) return { value: value as OptionValues[K], source: layer.source };
    }
    return undefined;
  };
  const get = <K extends keyof OptionValues>(key: K): OptionValues[K] | undefined => pick(key)?.value;

  checkCombinations(pick, get, layers[0].values);

  const check = get('check') ?? false;
  const dryRun = get('dryRun') ?? false;
  const config = defineConfig(
    withoutUndefined({
      paths: get('paths') as string[],
      cwd: input.cwd,
      dryRun,
      force: get('force'),
      traceParamNames: get('paramNames') ?? [...DEFAULT_TRACE_PARAM_NAMES],
      forceTraceParams: get('traceParams'),
      notTraceParams: get('notTraceParams'),
      includePublicApi: get('includePublicApi'),
      runtimeModulePath: get('runtimePath'),
      idField: get('idField'),
      logger: get('logger'),
      logScope: get('logScope'),
      loggerNames: get('loggerNames'),
      tsconfigPath: get('tsconfig'),
      verify: get('verify'),
      formatEdits: get('formatEdits'),
      include: get('include'),
      exclude: get('exclude'),
      maxFileBytes: get('maxFileSize'),
      baselinePath: check ? get('baseline') : undefined,
      updateBaseline: get('updateBaseline'),
    }),
  );
  const cli: CliSettings = {
    mode: check ? 'check' : dryRun ? 'dry-run' : 'write',
    format: (get('format') ?? 'text') as FormatName,
    ...(get('output') !== undefined ? { outputPath: get('output') } : {}),
    color: get('color') ?? true,
    verbose: get('verbose') ?? false,
    progress: get('progress') ?? true,
    debug: get('debug') ?? false,
  };
  return { config, cli };
}

type Pick = <K extends keyof OptionValues>(key: K) => { value: OptionValues[K]; source: OptionSource } | undefined;
type Get = <K extends keyof OptionValues>(key: K) => OptionValues[K] | undefined;

/** Rules that involve more than one option (each value alone is already valid). */
function checkCombinations(pick: Pick, get: Get, flags: PartialOptions): void {
  const paths = get('paths');
  if (paths === undefined || paths.length === 0) {
    const variadicHint =
      flags.include !== undefined || flags.exclude !== undefined
        ? ' (--include and --exclude take several values: put the paths before them, or end the globs with --)'
        : '';
    throw new UsageError(
      `no paths given: name the files or directories to migrate, e.g. "trace-migrate ./src", or set "paths" in ${CONFIG_FILE_NAME}${variadicHint}`,
    );
  }
  const check = get('check') ?? false;
  if (check && get('dryRun')) throw new UsageError('--check and --dry-run cannot be combined: --check never writes anyway');
  if (get('updateBaseline') && !check) throw new UsageError('--update-baseline only works with --check');
  if (get('updateBaseline') && get('baseline') === undefined) {
    throw new UsageError(`--update-baseline needs a baseline file: --baseline <file>, or "baseline" in ${CONFIG_FILE_NAME}`);
  }
  // A baseline in a shared config file is for CI's --check runs; on the command line without
  // --check it is a mistake worth saying.
  if (flags.baseline !== undefined && !check) throw new UsageError('--baseline only works with --check');

  const forced = pick('traceParams');
  const refused = pick('notTraceParams');
  const both = forced && refused ? forced.value.filter((name) => refused.value.includes(name)) : [];
  if (forced && refused && both.length > 0) {
    throw new UsageError(
      `"${both[0]}" is both a trace id (${where(forced.source, 'traceParams')}) and not one (${where(refused.source, 'notTraceParams')})`,
    );
  }
}

function withoutUndefined<T extends object>(object: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
