// jscodeshift transform: the per-file part of trace-migrate's log rewrite, on its own.
//
//   npx jscodeshift --parser=ts -t node_modules/trace-migrate/dist/transforms/structured-logs.js src/
//
// `console.*` calls become `log.<level>(message, fields)` on the trace-context module's facade, with
// the same message, placeholder, field-name and id-prefix rules as the engine — the rewrite is the
// engine's own parser-neutral core (src/syntax/log-core/), reached through a Babel/ESTree adapter.
// Without the whole-program analysis no trace parameter is known: an identifier named like a
// default trace name (reqId, requestId, correlationId, traceId, req_id, request_id, xRequestId — or
// `--traceNames=a,b`) counts as the id, so its prefix is dropped and a mid-message mention reads
// `{correlationId}`. The id must then reach the records through the trace context.
//
// Options (jscodeshift passes unknown flags through): --runtimeImport=<path or specifier>
// (default ./trace-context.js, a path from the working directory; the transform does not emit the
// module), --idField=correlationId, --logScope=all|interpolated, --traceNames=a,b.
import type { API, FileInfo, Options } from 'jscodeshift';
import { DEFAULT_TRACE_PARAM_NAMES } from '../src/config/config.js';
import type { SourceText } from '../src/syntax/source-text.js';
import { FileEdits } from '../src/syntax/file-edits.js';
import { MAX_LINE_LENGTH, renderStructuredLogCall } from '../src/syntax/log-core/render-structured-log.js';
import { consoleMethodNamed } from '../src/syntax/log-core/console-method.js';
import { buildStructuredLog, messageQuote } from '../src/syntax/log-core/structured-log.js';
import { indentUnitOf, lineIndentAt, preferredQuoteOf } from '../src/syntax/source-layout.js';
import { esValueShapeOf, isStringLiteralNode, UnreadableTemplateError, unwrapEs, type EsNode, type EsShapeHooks } from './estree-value-shape.js';
import { RECAST_TAB_WIDTH, recastPositions, type Positions } from './source-positions.js';
import {
  addRuntimeImport,
  declaredNames,
  DEFAULT_RUNTIME_IMPORT,
  findRuntimeImport,
  freeFacadeName,
  importSyntaxOf,
  runtimeSpecifierFor,
  usesSemicolons,
} from './runtime-import.js';

export interface StructuredLogsOptions {
  runtimeImport?: string;
  idField?: string;
  logScope?: 'all' | 'interpolated';
  /** Names that count as the trace id (comma-separated on the command line). */
  traceNames?: string | string[];
}

export default function structuredLogsTransform(file: FileInfo, api: API, options: Options): string | undefined {
  const settings = settingsOf(options as StructuredLogsOptions);
  const j = api.jscodeshift;
  const source = file.source;
  const root = j(source, { tabWidth: RECAST_TAB_WIDTH });
  const program = root.find(j.Program).get().node as EsNode;
  const at = recastPositions(source);
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const text: SourceText = { path: file.path ?? '', text: source, bom: false, eol, mode: 0o644 };
  const edits = new FileEdits(text);
  const cwd = process.cwd();
  const specifier = runtimeSpecifierFor(file.path, settings.runtimeImport, cwd);
  const existing = findRuntimeImport(program, specifier);
  const facade = existing?.names.get('log') ?? freeFacadeName(declaredNames(program));
  const quote = preferredQuoteOf({ text: source });
  const indentUnit = indentUnitOf(source);

  const calls: { node: EsNode; method: string; catchNames: Set<string> }[] = [];
  root.find(j.CallExpression).forEach((path) => {
    const node = path.node as unknown as EsNode;
    const method = consoleMethodOf(node);
    if (!method) return;
    if ((node.arguments as EsNode[]).some((a) => a.type === 'SpreadElement')) {
      report(api, file, at, source, node, `console.${method} with spread arguments left as is: the message cannot be read; convert it by hand`);
      return;
    }
    calls.push({ node, method, catchNames: catchBindingsAround(path) });
  });

  let converted = 0;
  // Inner calls first: an outer call renders them into its own text.
  for (const { node, method, catchNames } of calls.sort((a, b) => at.start(b.node) - at.start(a.node))) {
    const start = at.start(node);
    const end = at.end(node);
    if (edits.isInsideEdit(start, end)) continue;
    const hooks: EsShapeHooks = {
      positions: at,
      source,
      code: (from, to) => edits.render(from, to),
      isTraceId: (n) => isTraceId(n, settings.traceNames),
      isError: (n) => isError(n, catchNames),
    };
    let args;
    try {
      args = (node.arguments as EsNode[]).map((a) => esValueShapeOf(a, hooks));
    } catch (error) {
      if (!(error instanceof UnreadableTemplateError)) throw error;
      report(api, file, at, source, node, `console.${method} left as is: ${error.message}; convert it by hand`);
      continue;
    }
    const log = buildStructuredLog({ method, args }, { idField: settings.idField });
    if (!log.interpolated && settings.logScope === 'interpolated') continue;
    const lineStart = source.lastIndexOf('\n', start - 1) + 1;
    const rendered = renderStructuredLogCall(log, {
      facade,
      quote: args.length > 0 ? messageQuote(args, quote) : quote,
      indent: lineIndentAt(source, start),
      indentUnit,
      eol,
      column: start - lineStart,
      maxLineLength: MAX_LINE_LENGTH,
    });
    edits.add(start, end, rendered, [`log:${start}`, ...edits.ownersWithin(start, end)]);
    converted++;
  }
  if (converted === 0) return undefined;

  if (!existing?.names.has('log')) {
    addRuntimeImport(program, at, source, edits, facade, specifier, existing, {
      syntax: importSyntaxOf(file.path, program, source, cwd),
      quote,
      semicolon: usesSemicolons(program, at, source),
      eol,
    });
  }
  return edits.result();
}

interface Settings {
  runtimeImport: string;
  idField: string;
  logScope: 'all' | 'interpolated';
  traceNames: ReadonlySet<string>;
}

function settingsOf(options: StructuredLogsOptions): Settings {
  const names = typeof options.traceNames === 'string' ? options.traceNames.split(',').map((n) => n.trim()).filter(Boolean) : options.traceNames;
  return {
    runtimeImport: options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT,
    idField: options.idField ?? 'correlationId',
    logScope: options.logScope === 'interpolated' ? 'interpolated' : 'all',
    traceNames: new Set(names && names.length > 0 ? names : DEFAULT_TRACE_PARAM_NAMES),
  };
}

/** `console.log(…)`, `console['warn'](…)`: the method, or undefined (the names read here, the decision in log-core). */
function consoleMethodOf(call: EsNode): string | undefined {
  const callee = unwrapEs(call.callee as EsNode);
  if (callee.type !== 'MemberExpression') return undefined;
  const object = unwrapEs(callee.object as EsNode);
  const property = callee.property as EsNode;
  const name = !callee.computed ? (property.name as string) : isStringLiteralNode(property) ? (property.value as string) : undefined;
  return consoleMethodNamed(object.type === 'Identifier' ? (object.name as string) : undefined, name);
}

/** An identifier named like a trace id, possibly with a literal fallback (`reqId ?? 'none'`). */
function isTraceId(node: EsNode, names: ReadonlySet<string>): boolean {
  let e = unwrapEs(node);
  while (e.type === 'LogicalExpression' && (e.operator === '??' || e.operator === '||')) {
    const right = unwrapEs(e.right as EsNode);
    if (!isStringLiteralNode(right) && right.type !== 'NumericLiteral' && !(right.type === 'Literal' && typeof right.value === 'number')) break;
    if (right.type === 'TemplateLiteral') break;
    e = unwrapEs(e.left as EsNode);
  }
  return e.type === 'Identifier' && names.has(e.name as string);
}

/** Without types, an Error is a `new …Error()` or a catch-clause binding. */
function isError(node: EsNode, catchNames: ReadonlySet<string>): boolean {
  if (node.type === 'NewExpression') {
    const callee = node.callee as EsNode;
    const name = callee.type === 'Identifier' ? (callee.name as string) : callee.type === 'MemberExpression' ? ((callee.property as EsNode).name as string) : '';
    return /Error$/.test(name ?? '');
  }
  return node.type === 'Identifier' && catchNames.has(node.name as string);
}

/** Names bound by the catch clauses around a call (the closest binding of a name decides). */
function catchBindingsAround(path: { parent?: unknown; node: unknown }): Set<string> {
  const names = new Set<string>();
  for (let current = path.parent as { node: EsNode; parent?: unknown } | undefined; current; current = current.parent as typeof current) {
    const node = current.node;
    if (node.type === 'CatchClause') {
      const param = node.param as EsNode | null;
      if (param?.type === 'Identifier') names.add(param.name as string);
    }
  }
  return names;
}

function report(api: API, file: FileInfo, at: Positions, source: string, node: EsNode, message: string): void {
  const line = source.slice(0, at.start(node)).split('\n').length;
  // jscodeshift's runner prints reports; its test utilities pass no `report`.
  (api as Partial<API>).report?.(`${file.path ?? '<input>'}:${line}: ${message}`);
}
