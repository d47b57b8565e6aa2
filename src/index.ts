// The library API. The CLI (src/cli/) is a thin shell over these.
export { migrate } from './migrate.js';
export { check } from './check/check.js';
export type { MigrateHooks, Progress } from './migrate.js';
export { defineConfig, DEFAULT_TRACE_PARAM_NAMES } from './config/config.js';
export type { Config, LogBackend, LogScope, ReportFormat } from './config/config.js';
export type { Report, Finding, FileResult, Summary, Outcome } from './report/report.js';
export { UsageError } from './errors.js';
