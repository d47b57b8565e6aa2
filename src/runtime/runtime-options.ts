// What varies between emitted trace-context modules.
import type { LogBackend } from '../config/config.js';

export interface RuntimeModuleOptions {
  language: 'ts' | 'js';
  /** Module syntax of the emitted file: `import`/`export` or `require`/`module.exports`. */
  moduleFormat: 'esm' | 'cjs';
  backend: LogBackend;
  /** Field name of the correlation id in records and in the context (default correlationId). */
  idField: string;
  /** Line ending of the emitted text. */
  eol: '\n' | '\r\n';
}

/** The names the emitted module exports; rules import only these. */
export const RUNTIME_EXPORTS = ['withTrace', 'currentTrace', 'traceId', 'log'] as const;
export type RuntimeExport = (typeof RUNTIME_EXPORTS)[number];

/** First line of every emitted module: how a later run recognises (and skips) its own output. */
export const RUNTIME_MODULE_MARKER = '// trace-context: emitted by trace-migrate';
