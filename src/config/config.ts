// The one validated, typed configuration every stage reads. Built by config/load.ts from
// flags + JSON config file + package.json key; the engine never sees raw flags.

export type LogBackend = 'json' | 'pino';
/** Which console calls the log rule converts: every call, or only those that interpolate values. */
export type LogScope = 'all' | 'interpolated';
export type ReportFormat = 'text' | 'json' | 'markdown' | 'github' | 'sarif';

export interface Config {
  /** Absolute paths of the roots to migrate (files or directories). Nothing outside them is written. */
  paths: string[];
  /** Absolute directory that report paths are relative to (normally process.cwd()). */
  cwd: string;
  /** Write nothing; the report carries a unified diff instead. */
  dryRun: boolean;
  /** Migrate even when the git work tree has uncommitted changes. */
  force: boolean;
  /** Parameter names that may carry a request id (a name match is necessary, never sufficient). */
  traceParamNames: string[];
  /** Names the user declares to be trace ids: the inference is skipped for them (still refused when unsafe). */
  forceTraceParams: string[];
  /** Names the user declares to be business ids: never migrated. */
  notTraceParams: string[];
  /** Also migrate functions exported from the package's public entry points. */
  includePublicApi: boolean;
  /** Where the runtime trace-context module is emitted (absolute); undefined = `<first root dir>/trace-context.<ext>`. */
  runtimeModulePath?: string;
  /** Name of the correlation id field in log records and in the trace context. */
  idField: string;
  logger: LogBackend;
  logScope: LogScope;
  /** Receiver names of the project's own loggers (`logger.info(…)`, `this.logger.info(…)`); pino, winston and bunyan loggers are found without them. */
  loggerNames: string[];
  /** Explicit tsconfig (absolute); undefined = nearest tsconfig.json above the first root, else an inferred one. */
  tsconfigPath?: string;
  /** Type-check the edited program before writing and refuse edits that add errors. */
  verify: boolean;
  /** Lay out the changed lines with the project's prettier, or in each file's own style (--no-format: as the rules wrote them). */
  formatEdits: boolean;
  /** Extra globs (relative to each root) to include / exclude. */
  include: string[];
  exclude: string[];
  /** Files larger than this are skipped with a finding (generated or vendored code). */
  maxFileBytes: number;
  /** --check: baseline file (absolute) whose findings do not fail the gate. */
  baselinePath?: string;
  /** --check: write the current findings to baselinePath instead of failing. */
  updateBaseline: boolean;
}

export const DEFAULT_TRACE_PARAM_NAMES: readonly string[] = [
  'reqId',
  'requestId',
  'correlationId',
  'traceId',
  'req_id',
  'request_id',
  'xRequestId',
];

export const DEFAULT_LOGGER_NAMES: readonly string[] = ['logger', 'log'];

export const DEFAULT_EXTENSIONS: readonly string[] = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** A complete config with defaults, for the library API: `migrate(defineConfig({ paths: [...] }))`. */
export function defineConfig(partial: Partial<Config> & { paths: string[] }): Config {
  return {
    cwd: process.cwd(),
    dryRun: false,
    force: false,
    traceParamNames: [...DEFAULT_TRACE_PARAM_NAMES],
    forceTraceParams: [],
    notTraceParams: [],
    includePublicApi: false,
    idField: 'correlationId',
    logger: 'json',
    logScope: 'all',
    loggerNames: [...DEFAULT_LOGGER_NAMES],
    verify: true,
    formatEdits: true,
    include: [],
    exclude: [],
    maxFileBytes: 2 * 1024 * 1024,
    updateBaseline: false,
    ...partial,
  };
}
