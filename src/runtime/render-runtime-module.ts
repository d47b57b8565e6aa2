// Renders the trace-context module that trace-migrate emits into a target codebase: one short,
// commented file a developer will own — TS or JS, ESM or CommonJS, built-in JSON lines or pino,
// with or without OpenTelemetry ids. Every variant runs as real code in test/runtime/.
//
// Decisions the emitted code carries (each tested):
// - Self-typed: the TS variants reach `process` through a locally typed `globalThis` and type their
//   AsyncLocalStorage through a local interface, so the file compiles with or without @types/node and
//   never conflicts with it. No `.d.ts` shim to emit or keep. Only in a program without Node's types is
//   the `node:async_hooks` import `@ts-ignore`d (a lint with typescript-eslint's ban-ts-comment flags
//   that comment, so it is left out wherever it is not needed).
// - TS CommonJS uses `import x = require()` and `export =`: the one syntax that compiles under
//   `module: commonjs` both with and without `verbatimModuleSyntax`.
// - `log.trace` writes to stdout: streams follow severity (warn and error to stderr) and trace is
//   the least severe level; console.trace's stderr stack dump is not a log level.
// - A call's field named like a record field (time, level, msg, the id, the OTel ids) is kept
//   under the name with `_` in front, so it can neither overwrite nor fake the context's ids.
import { UsageError } from '../errors.js';
import { RUNTIME_MODULE_MARKER, type RuntimeModuleOptions } from './runtime-options.js';

/** Field names every record has, which the correlation id field cannot take. */
const RECORD_FIELDS: readonly string[] = ['time', 'level', 'msg', 'trace_id', 'span_id', 'trace_flags'];
/** Id field names the module can carry: identifier characters and `-` (as in `x-request-id`). */
const ID_FIELD_PATTERN = /^[A-Za-z_$][\w$-]*$/;

/** The emitted trace-context module, `RUNTIME_MODULE_MARKER` first, lines ended with `options.eol`. */
export function renderRuntimeModule(options: RuntimeModuleOptions): string {
  const v = variantOf(options);
  const sections = [header(v), imports(v), traceContext(v), logFacade(v), v.pino ? pinoBackend(v) : jsonBackend(v)];
  if (v.cjs) sections.push([v.ts ? `export = ${EXPORTS};` : `module.exports = ${EXPORTS};`]);
  const lines = sections.flatMap((section, index) => (index === 0 ? section : ['', ...section]));
  return lines.filter((line): line is string => line !== false).join(options.eol) + options.eol;
}

/**
 * Extension of the emitted file, so it has the module format it is written in: `.mjs`/`.cjs` when the
 * format differs from the package's `type`; `.cts` for TS CommonJS syntax in a `type: module` package
 * (there `.ts` would compile as ESM, where `import x = require()` is an error).
 */
export function runtimeFileExtension(
  language: RuntimeModuleOptions['language'],
  moduleFormat: RuntimeModuleOptions['moduleFormat'],
  packageType: 'module' | 'commonjs',
): '.ts' | '.cts' | '.js' | '.mjs' | '.cjs' {
  if (language === 'ts') return moduleFormat === 'cjs' && packageType === 'module' ? '.cts' : '.ts';
  if (moduleFormat === 'esm') return packageType === 'module' ? '.js' : '.mjs';
  return packageType === 'module' ? '.cjs' : '.js';
}

const EXPORTS = '{ withTrace, currentTrace, traceId, log }';

/** A line of the template, or `false` for a line this variant leaves out. */
type Line = string | false;

interface Variant {
  ts: boolean;
  cjs: boolean;
  pino: boolean;
  otel: boolean;
  /** `@ts-ignore` the TS import of node:async_hooks: the program has no Node types. */
  ignoreMissingNodeTypes: boolean;
  /** The id field: its name, as a property key, as `.name`/`['name']`, and as `?.name`/`?.['name']`. */
  idName: string;
  idKey: string;
  idGet: string;
  idGetOptional: string;
  /** `export ` before public declarations in ESM; CommonJS exports them at the end. */
  exportPrefix: string;
}

function variantOf(options: RuntimeModuleOptions): Variant {
  const name = options.idField;
  if (!ID_FIELD_PATTERN.test(name) || name === '__proto__') {
    throw new UsageError(`id field ${JSON.stringify(name)}: use letters, digits, _, $ and -, not first a digit or -`);
  }
  if (RECORD_FIELDS.includes(name)) {
    throw new UsageError(`id field "${name}": every record already has ${RECORD_FIELDS.join(', ')}`);
  }
  const identifier = !name.includes('-');
  const quoted = `'${name}'`;
  return {
    ts: options.language === 'ts',
    cjs: options.moduleFormat === 'cjs',
    pino: options.backend === 'pino',
    otel: options.openTelemetry === true,
    ignoreMissingNodeTypes: options.language === 'ts' && options.nodeTypes !== true,
    idName: name,
    idKey: identifier ? name : quoted,
    idGet: identifier ? `.${name}` : `[${quoted}]`,
    idGetOptional: identifier ? `?.${name}` : `?.[${quoted}]`,
    exportPrefix: options.moduleFormat === 'esm' ? 'export ' : '',
  };
}

function header(v: Variant): Line[] {
  return [
    RUNTIME_MODULE_MARKER,
    '// Trace context and structured logs for this codebase. This file is yours to edit; keep its',
    '// first line, which is how trace-migrate recognises it.',
    '//',
    `// withTrace({ ${v.idKey}: id }, fn) runs fn in a trace context that everything fn starts`,
    "// (awaits, promises, timers, callbacks, event listeners) sees, through Node's AsyncLocalStorage.",
    `// \`log\` writes one JSON object per line: time, level, msg, the context's ${v.idName}, then the`,
    "// call's fields, so no function needs an id parameter to log it. Outside withTrace, no id.",
    v.otel && '// Inside an OpenTelemetry span, records also carry its trace_id, span_id and trace_flags.',
    '// LOG_LEVEL=trace|debug|info|warn|error|silent keeps that level and above; unset, all are kept.',
    v.pino
      ? '// Backend: pino (see emit() at the bottom to swap it).'
      : '// Backend: built-in JSON lines, no dependencies (see emit() at the bottom to swap it).',
  ];
}

function imports(v: Variant): Line[] {
  const typedLocally = v.ignoreMissingNodeTypes && '// @ts-ignore -- typed by ContextStore below, so @types/node is optional';
  if (!v.cjs) {
    return [
      typedLocally,
      "import { AsyncLocalStorage } from 'node:async_hooks';",
      v.otel && "import { isSpanContextValid, trace } from '@opentelemetry/api';",
      v.pino && "import { pino } from 'pino';",
    ];
  }
  if (v.ts) {
    return [
      typedLocally,
      "import asyncHooks = require('node:async_hooks');",
      v.otel && "import otel = require('@opentelemetry/api');",
      v.pino && "import pino = require('pino');",
      '',
      'const { AsyncLocalStorage } = asyncHooks;',
      v.otel && 'const { isSpanContextValid, trace } = otel;',
    ];
  }
  return [
    "const { AsyncLocalStorage } = require('node:async_hooks');",
    v.otel && "const { isSpanContextValid, trace } = require('@opentelemetry/api');",
    v.pino && "const pino = require('pino');",
  ];
}

/** Why the store lives on globalThis: copies of this module (one per package) share one context. */
const SHARED_STORE_COMMENT = [
  '// One store per process, shared by every copy of this module (each package of a monorepo may',
  '// have its own): a context set through one copy is read through the others.',
];

function traceContext(v: Variant): Line[] {
  return [
    '// ---- Trace context ----------------------------------------------------------------------',
    '',
    ...(v.ts
      ? [
          '/** What withTrace puts in scope. */',
          `${v.exportPrefix}interface TraceContext {`,
          `  readonly ${v.idKey}?: string | undefined;`,
          '}',
          '',
          '// The part of AsyncLocalStorage used here.',
          'interface ContextStore {',
          '  getStore(): TraceContext | undefined;',
          '  run<R>(context: TraceContext, fn: () => R): R;',
          '}',
          '',
          ...SHARED_STORE_COMMENT,
          "const STORE_KEY = Symbol.for('trace-migrate.trace-context');",
          'const stores = globalThis as unknown as Record<symbol, ContextStore | undefined>;',
          'const storage: ContextStore = (stores[STORE_KEY] ??= new AsyncLocalStorage());',
        ]
      : [
          '/**',
          ' * What withTrace puts in scope.',
          ` * @typedef {{ readonly ${v.idKey}?: string | undefined }} TraceContext`,
          ' */',
          '',
          ...SHARED_STORE_COMMENT,
          "const STORE_KEY = Symbol.for('trace-migrate.trace-context');",
          '/** @type {Record<symbol, AsyncLocalStorage<TraceContext> | undefined>} */',
          'const stores = /** @type {any} */ (globalThis);',
          '/** @type {AsyncLocalStorage<TraceContext>} */',
          'const storage = (stores[STORE_KEY] ??= new AsyncLocalStorage());',
        ]),
    '',
    '/**',
    ' * Runs fn inside a trace context and returns what fn returns (a promise stays a promise, a throw',
    ' * propagates). An id left undefined is inherited from the enclosing context.',
    !v.ts && ' * @template T',
    !v.ts && ' * @param {TraceContext} context',
    !v.ts && ' * @param {() => T} fn',
    !v.ts && ' * @returns {T}',
    ' */',
    v.ts
      ? `${v.exportPrefix}function withTrace<T>(context: TraceContext, fn: () => T): T {`
      : `${v.exportPrefix}function withTrace(context, fn) {`,
    `  const id = context${v.idGet} ?? storage.getStore()${v.idGetOptional};`,
    `  return storage.run(Object.freeze({ ${v.idKey}: id }), fn);`,
    '}',
    '',
    '/**',
    ' * The active trace context; undefined outside withTrace. AsyncLocalStorage does not cross',
    ' * threads: pass it to a worker in workerData, and there run withTrace(workerData.trace ?? {}, fn).',
    !v.ts && ' * @returns {TraceContext | undefined}',
    ' */',
    `${v.exportPrefix}function currentTrace()${v.ts ? ': TraceContext | undefined' : ''} {`,
    '  return storage.getStore();',
    '}',
    '',
    v.ts
      ? `/** The active ${v.idName}; undefined outside any trace context (never invented). */`
      : '/**',
    !v.ts && ` * The active ${v.idName}; undefined outside any trace context (never invented).`,
    !v.ts && ' * @returns {string | undefined}',
    !v.ts && ' */',
    `${v.exportPrefix}function traceId()${v.ts ? ': string | undefined' : ''} {`,
    `  return storage.getStore()${v.idGetOptional};`,
    '}',
  ];
}

/** The structured-log part: the `log` object callers use and what it needs before a backend writes. */
function logFacade(v: Variant): Line[] {
  const parts = [logTypes(v), levelThreshold(v), levelMethods(v), fieldRenaming(v), contextIdsReader(v)];
  return [
    '// ---- Structured logs --------------------------------------------------------------------',
    '',
    ...parts.flatMap((part, index) => (index === 0 ? part : ['', ...part])),
  ];
}

/** LogLevel and LogFields (and, in TS, the part of Node's process the module reads). */
function logTypes(v: Variant): Line[] {
  return v.ts
    ? [
        `${v.exportPrefix}type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';`,
        '/** A call\'s own fields: log.info(\'settled invoice {invoiceId}\', { invoiceId, total }). */',
        `${v.exportPrefix}type LogFields = Record<string, unknown>;`,
        '',
        // Declared before its use: lint configs with no-use-before-define (standard) flag the reverse.
        "// Node's process, typed locally like AsyncLocalStorage above.",
        'interface NodeProcess {',
        '  env: { LOG_LEVEL?: string | undefined };',
        !v.pino && '  stdout: { write(text: string): unknown };',
        !v.pino && '  stderr: { write(text: string): unknown };',
        '}',
        'const nodeProcess = (globalThis as unknown as { process: NodeProcess }).process;',
      ]
    : [
        "/** @typedef {'trace' | 'debug' | 'info' | 'warn' | 'error'} LogLevel */",
        '/**',
        " * A call's own fields: log.info('settled invoice {invoiceId}', { invoiceId, total }).",
        ' * @typedef {Record<string, unknown>} LogFields',
        ' */',
      ];
}

/** The lowest severity written, read once from LOG_LEVEL. */
function levelThreshold(v: Variant): Line[] {
  const env = v.ts ? 'nodeProcess.env' : 'process.env';
  return [
    '// Severities as pino numbers them; LOG_LEVEL names the lowest one written (unknown: all).',
    'const SEVERITY = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, silent: Infinity };',
    `const envLevel = (${env}.LOG_LEVEL ?? '').toLowerCase();`,
    'const minSeverity = Object.entries(SEVERITY).find(([name]) => name === envLevel)?.[1] ?? 0;',
  ];
}

/** The exported `log` object: one method per level, each a no-op below the threshold. */
function levelMethods(v: Variant): Line[] {
  return [
    '/** log.info(msg, fields): msg is written as is (no % formatting), values go in fields. */',
    v.ts
      ? `${v.exportPrefix}const log: Record<LogLevel, (msg: string, fields?: LogFields) => void> = {`
      : `${v.exportPrefix}const log = {`,
    "  trace: levelMethod('trace'),",
    "  debug: levelMethod('debug'),",
    "  info: levelMethod('info'),",
    "  warn: levelMethod('warn'),",
    "  error: levelMethod('error'),",
    '};',
    '',
    v.ts
      ? 'function levelMethod(level: LogLevel): (msg: string, fields?: LogFields) => void {'
      : '/**',
    !v.ts && ' * @param {LogLevel} level',
    !v.ts && ' * @returns {(msg: string, fields?: LogFields) => void}',
    !v.ts && ' */',
    !v.ts && 'function levelMethod(level) {',
    '  const severity = SEVERITY[level];',
    '  return (msg, fields) => {',
    '    if (severity < minSeverity) return; // a disabled level builds nothing',
    '    emit(level, msg, fields === undefined ? undefined : ownFields(fields));',
    '  };',
    '}',
  ];
}

/** ownFields(): a call's field named like a record's or the context's own is kept under `_name`. */
function fieldRenaming(v: Variant): Line[] {
  const reserved = ['time', 'level', 'msg', v.idName, 'trace_id', 'span_id', 'trace_flags'];
  return [
    "// Names a call's field cannot take: the record's own and the context's. Such a field is kept",
    "// with `_` in front (msg -> _msg, or __msg when the call also has a _msg).",
    'const RESERVED = new Set([',
    `  ${reserved.map((name) => `'${name}'`).join(', ')},`,
    ']);',
    '',
    v.ts ? 'function ownFields(fields: LogFields): LogFields {' : '/**',
    !v.ts && ' * @param {LogFields} fields',
    !v.ts && ' * @returns {LogFields}',
    !v.ts && ' */',
    !v.ts && 'function ownFields(fields) {',
    '  let own = fields;',
    '  for (const key of Object.keys(fields)) {',
    '    if (!RESERVED.has(key)) continue;',
    '    if (own === fields) own = { ...fields }; // copied only when a name must change',
    "    let name = '_' + key;",
    "    while (name in fields || RESERVED.has(name)) name = '_' + name;",
    '    own[name] = fields[key];',
    '    delete own[key];',
    '  }',
    '  return own;',
    '}',
  ];
}

/** contextIds(): the ids every record carries, from the trace context (and OpenTelemetry's span). */
function contextIdsReader(v: Variant): Line[] {
  const fields = [`${v.idKey}?: string`, ...(v.otel ? ['trace_id?: string', 'span_id?: string', 'trace_flags?: string'] : [])];
  const description = v.otel
    ? "The ids a record takes from the trace context, and from OpenTelemetry's active span."
    : 'The ids a record takes from the trace context.';
  return [
    ...(v.ts
      ? [
          `/** ${description} */`,
          'interface ContextIds {',
          ...fields.map((field) => `  ${field};`),
          '}',
          '',
          'function contextIds(): ContextIds {',
          '  const ids: ContextIds = {};',
        ]
      : [
          '/**',
          ` * ${description}`,
          ' * @typedef {{',
          ...fields.map((field) => ` *   ${field},`),
          ' * }} ContextIds',
          ' */',
          '',
          '/** @returns {ContextIds} */',
          'function contextIds() {',
          '  /** @type {ContextIds} */',
          '  const ids = {};',
        ]),
    `  const id = storage.getStore()${v.idGetOptional};`,
    `  if (id !== undefined) ids${v.idGet} = id;`,
    ...(v.otel
      ? [
          "  // OpenTelemetry's convention for trace context in non-OTLP logs: hex ids, 2-digit hex flags.",
          '  const span = trace.getActiveSpan()?.spanContext();',
          '  if (span !== undefined && isSpanContextValid(span)) {',
          '    ids.trace_id = span.traceId;',
          '    ids.span_id = span.spanId;',
          "    ids.trace_flags = span.traceFlags.toString(16).padStart(2, '0');",
          '  }',
        ]
      : []),
    '  return ids;',
    '}',
  ];
}

const SWAP_NOTE = [
  '// To swap the backend, rewrite emit(): `log` calls it for each enabled record, with the call\'s',
  '// fields already clear of the record\'s names. contextIds() gives the ids to add.',
];

function emitSignature(v: Variant): Line[] {
  return v.ts
    ? ['function emit(level: LogLevel, msg: string, fields: LogFields | undefined): void {']
    : [
        '/**',
        ' * @param {LogLevel} level',
        ' * @param {string} msg',
        ' * @param {LogFields | undefined} fields',
        ' */',
        'function emit(level, msg, fields) {',
      ];
}

function jsonBackend(v: Variant): Line[] {
  const proc = v.ts ? 'nodeProcess' : 'process';
  return [
    '// ---- Backend: JSON lines -----------------------------------------------------------------',
    ...SWAP_NOTE,
    '',
    ...emitSignature(v),
    '  const record = { time: new Date().toISOString(), level, msg, ...contextIds(), ...fields };',
    "  const line = JSON.stringify(record, jsonSafe()) + '\\n';",
    '  // As console did: warn and error to stderr, the rest (trace too: least severe) to stdout.',
    `  if (SEVERITY[level] >= SEVERITY.warn) ${proc}.stderr.write(line);`,
    `  else ${proc}.stdout.write(line);`,
    '}',
    '',
    '/**',
    ' * A JSON.stringify replacer: an Error keeps its type, message, stack, own fields and cause; a',
    ' * BigInt becomes a string; an object inside itself becomes "[Circular]".',
    !v.ts && ' * @returns {(this: unknown, key: string, value: unknown) => unknown}',
    ' */',
    v.ts ? 'function jsonSafe(): (this: unknown, key: string, value: unknown) => unknown {' : 'function jsonSafe() {',
    v.ts ? '  const parents: unknown[] = []; // the objects that contain the value being written' : '  /** @type {unknown[]} */',
    !v.ts && '  const parents = []; // the objects that contain the value being written',
    v.ts
      ? '  return function (this: unknown, _key: string, value: unknown): unknown {'
      : '  return function (/** @type {string} */ _key, /** @type {unknown} */ value) {',
    "    if (typeof value === 'bigint') return String(value);",
    "    if (typeof value !== 'object' || value === null) return value;",
    '    while (parents.length > 0 && parents[parents.length - 1] !== this) parents.pop();',
    "    if (parents.includes(value)) return '[Circular]';",
    '    parents.push(value);',
    '    if (!(value instanceof Error)) return value;',
    '    const plain = errorFields(value);',
    '    parents.push(plain); // its fields are written from the plain copy',
    '    return plain;',
    '  };',
    '}',
    '',
    v.ts ? 'function errorFields(err: Error): object {' : '/**',
    !v.ts && ' * @param {Error} err',
    !v.ts && ' * @returns {object}',
    !v.ts && ' */',
    !v.ts && 'function errorFields(err) {',
    '  // cause (ES2022) and errors (AggregateError) read without needing those libs',
    v.ts
      ? '  const { cause, errors } = err as Error & { cause?: unknown; errors?: unknown };'
      : '  const { cause, errors } = /** @type {Error & { cause?: unknown, errors?: unknown }} */ (err);',
    '  const type = err.constructor.name || err.name;',
    '  return Object.assign({ type, message: err.message, stack: err.stack }, err, { cause, errors });',
    '}',
  ];
}

function pinoBackend(v: Variant): Line[] {
  return [
    '// ---- Backend: pino -----------------------------------------------------------------------',
    ...SWAP_NOTE,
    '',
    'const logger = pino(',
    '  {',
    "    level: 'trace', // LOG_LEVEL is applied by `log` before pino is called",
    '    base: null, // no pid and hostname, like the built-in records; delete this line to get them',
    '    timestamp: pino.stdTimeFunctions.isoTime,',
    '    formatters: { level: (label) => ({ level: label }) },',
    '    serializers: { err: pino.stdSerializers.errWithCause },',
    "    mixin: contextIds, // the context's ids in every record",
    '  },',
    '  // As console did: warn and error to stderr, the rest to stdout, written synchronously.',
    '  pino.multistream(',
    '    [',
    "      { level: 'trace', stream: pino.destination({ dest: 1, sync: true }) },",
    "      { level: 'warn', stream: pino.destination({ dest: 2, sync: true }) },",
    '    ],',
    '    { dedupe: true },',
    '  ),',
    ');',
    '',
    ...emitSignature(v),
    '  if (fields === undefined) logger[level](msg);',
    '  else logger[level](fields, msg); // pino takes the fields first',
    '}',
  ];
}
