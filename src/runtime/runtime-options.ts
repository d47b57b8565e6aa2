// What varies between emitted trace-context modules.
import type { LogBackend } from '../config/config.js';

export interface RuntimeModuleOptions {
  language: 'ts' | 'js';
  /**
   * Module syntax of the emitted file: `import`/`export`, or CommonJS (`require`/`module.exports` in JS,
   * `import x = require()`/`export =` in TS — pick it for TS only when the project's TS files are written
   * that way, e.g. CommonJS under `verbatimModuleSyntax`; TS written with `import`/`export` is 'esm'
   * even when it compiles to CommonJS).
   */
  moduleFormat: 'esm' | 'cjs';
  backend: LogBackend;
  /** Field name of the correlation id in records and in the context (default correlationId). */
  idField: string;
  /** Line ending of the emitted text. */
  eol: '\n' | '\r\n';
  /**
   * Add OpenTelemetry's `trace_id`/`span_id`/`trace_flags` of the active span to records. Imports
   * `@opentelemetry/api`, so set it only when the target project depends on that package. Default false.
   */
  openTelemetry?: boolean;
  /**
   * The target program has Node's types (`node:async_hooks` is a known module, e.g. from @types/node):
   * the TS variants then import AsyncLocalStorage as is. Otherwise (the default) that import carries a
   * `// @ts-ignore`, so the module compiles without them.
   */
  nodeTypes?: boolean;
}

/** The names the emitted module exports; rules import only these. */
export const RUNTIME_EXPORTS = ['withTrace', 'currentTrace', 'traceId', 'log'] as const;
export type RuntimeExport = (typeof RUNTIME_EXPORTS)[number];

/** First line of every emitted module: how a later run recognises (and skips) its own output. */
export const RUNTIME_MODULE_MARKER = '// trace-context: emitted by trace-migrate';
