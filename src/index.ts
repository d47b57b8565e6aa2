// The library API. The CLI (src/cli/) is a thin shell over these.
export { migrate } from './migrate.js';
export { check } from './check/check.js';
export type { MigrateHooks, Progress } from './migrate.js';
export { defineConfig, DEFAULT_TRACE_PARAM_NAMES } from './config/config.js';
export type { Config, LogBackend, LogScope, ReportFormat } from './config/config.js';
// The CLI's own config loading (flags + trace-migrate.config.json + package.json key) and report
// formatters, for tools that wrap trace-migrate and want the same settings and output.
export { loadConfig } from './config/load.js';
export type { LoadInput, LoadedConfig, CliSettings, RunMode } from './config/load.js';
export { formatReport, FORMAT_NAMES } from './report/formatters.js';
export type { FormatName, FormatContext, Formatter } from './report/formatters.js';
export type { Report, Finding, FileResult, Summary, Outcome } from './report/report.js';
export { UsageError } from './errors.js';
