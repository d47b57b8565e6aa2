// TEMPORARY minimal runtime module (replaced by the runtime branch's full templates).
import { RUNTIME_MODULE_MARKER, type RuntimeModuleOptions } from './runtime-options.js';

export function renderRuntimeModule(options: RuntimeModuleOptions): string {
  const ts = options.language === 'ts';
  const id = options.idField;
  const lines = [
    RUNTIME_MODULE_MARKER,
    `import { AsyncLocalStorage } from 'node:async_hooks';`,
    ``,
    ts ? `export interface TraceContext { ${id}?: string; [key: string]: unknown }` : ``,
    `const storage = new AsyncLocalStorage${ts ? '<TraceContext>' : ''}();`,
    ``,
    `export function withTrace${ts ? '<T>' : ''}(context${ts ? ': TraceContext' : ''}, fn${ts ? ': () => T' : ''})${ts ? ': T' : ''} {`,
    `  const outer = storage.getStore();`,
    `  const next = { ...outer, ...context };`,
    `  if (context.${id} === undefined && outer) next.${id} = outer.${id};`,
    `  return storage.run(next, fn);`,
    `}`,
    ``,
    `export function currentTrace()${ts ? ': TraceContext | undefined' : ''} {`,
    `  return storage.getStore();`,
    `}`,
    ``,
    `export function traceId()${ts ? ': string | undefined' : ''} {`,
    `  return storage.getStore()?.${id};`,
    `}`,
    ``,
    `function write(level${ts ? ': string' : ''}, msg${ts ? ': string' : ''}, fields${ts ? ': Record<string, unknown>' : ''} = {})${ts ? ': void' : ''} {`,
    `  const record${ts ? ': Record<string, unknown>' : ''} = { time: new Date().toISOString(), level, msg };`,
    `  const id = traceId();`,
    `  if (id !== undefined) record.${id} = id;`,
    `  for (const [key, value] of Object.entries(fields)) if (!(key in record)) record[key] = value instanceof Error ? { type: value.name, message: value.message, stack: value.stack } : value;`,
    `  const line = JSON.stringify(record) + '\\n';`,
    `  if (level === 'warn' || level === 'error' || level === 'trace') process.stderr.write(line);`,
    `  else process.stdout.write(line);`,
    `}`,
    ``,
    `export const log = {`,
    ...['trace', 'debug', 'info', 'warn', 'error'].map((l) => `  ${l}: (msg${ts ? ': string' : ''}, fields${ts ? '?: Record<string, unknown>' : ''})${ts ? ': void' : ''} => write('${l}', msg, fields),`),
    `};`,
    ``,
  ];
  return lines.join(options.eol);
}
