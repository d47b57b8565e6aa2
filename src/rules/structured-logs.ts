// structured-logs: `console.*` calls become `log.<level>(message, fields)` on the emitted facade,
// and interpolated messages through the project's own loggers become the logger's structured form
// (pino/bunyan `logger.info({ fields }, 'msg')`, winston and the facade `logger.info('msg', { fields })`)
// — a constant message with `{placeholders}`, named fields, the id prefix dropped. The rewrite is the
// parser-neutral core in log-core/; this file describes TypeScript calls to it and places the text.
import { ts } from '../syntax/typescript.js';
import { leftoverArgsOf, type ConsoleLogCall, type LoggerLogCall } from '../analyze/log-calls.js';
import { valueShapeOf, type ShapeHooks } from '../syntax/log-shapes.js';
import { unwrapExpression } from '../syntax/function-likes.js';
import { buildStructuredLog, buildStructuredMessage, messageQuote, type StructuredField } from '../syntax/log-core/structured-log.js';
import { fieldEntries, MAX_LINE_LENGTH, renderCall, renderStructuredLogCall, type CallLayout, type RenderedArgument } from '../syntax/log-core/render-structured-log.js';
import type { FileEdits } from '../syntax/file-edits.js';
import { logUnit } from '../syntax/edit-unit.js';
import { preferredQuoteOf, quoteString } from '../syntax/source-layout.js';
import { importSyntaxOf } from '../syntax/module-style.js';
import type { Rule, RuleContext } from './rule.js';
import { logTextReaderFindings, type ChangedLogCall } from './log-text-readers.js';

export const structuredLogs: Rule = {
  id: 'structured-logs',
  description: '`console.*` calls become `log.<level>(message, fields)`; interpolated messages through pino, winston, bunyan or own loggers become their structured form.',
  apply(ctx: RuleContext): void {
    for (const misuse of ctx.facts.consoleMisuses) ctx.findings.push({ ruleId: 'structured-logs', kind: 'manual', node: misuse.node, message: misuse.message });
    const changed: ChangedLogCall[] = [];
    // A problem of the logger itself (how it takes fields) is said once, at its first call.
    const reportedLoggers = new Set<string>();
    for (const calls of ctx.facts.logCalls.values()) {
      for (const logCall of calls) {
        const problem = logCall.kind === 'logger' && logCall.perLogger ? logCall.problem : logCall.kind === 'logger' ? wrapperOutsideRun(logCall, ctx) : undefined;
        if (logCall.kind !== 'logger' || !problem || reportedLoggers.has(logCall.logger.key)) continue;
        reportedLoggers.add(logCall.logger.key);
        ctx.findings.push({ ruleId: 'structured-logs', kind: 'manual', node: logCall.call, message: problem });
      }
    }
    for (const [path, calls] of ctx.facts.logCalls) {
      const file = ctx.facts.editable.get(path)!.sourceFile;
      const edits = ctx.edits(file);
      // Inner calls first (a log call inside another's argument is rare but legal).
      for (const logCall of [...calls].sort((a, b) => b.call.getStart(file) - a.call.getStart(file))) {
        const { call } = logCall;
        if (logCall.problem) {
          // Console problems are reported with the misuses above.
          if (logCall.kind === 'logger' && !logCall.perLogger) ctx.findings.push({ ruleId: 'structured-logs', kind: 'manual', node: call, message: logCall.problem });
          continue;
        }
        if (logCall.kind === 'logger' && (!logCall.interpolated || wrapperOutsideRun(logCall, ctx))) continue;
        if (logCall.kind === 'console' && isGlobalScript(file)) {
          // An import of the facade would turn the script into a module and hide the globals it declares.
          ctx.findings.push({ ruleId: 'structured-logs', kind: 'manual', node: call, message: 'not converted: this file is a script (no import or export), and importing the log facade would make it a module, hiding its globals' });
          continue;
        }
        const leftAlone = ctx.model.logsLeftAlone.get(call);
        if (leftAlone) {
          ctx.findings.push({ ruleId: 'structured-logs', kind: 'manual', node: call, message: leftAlone });
          continue;
        }
        if (edits.isInsideEdit(call.getStart(file), call.end) || ctx.isRefused(logUnit(path, call.getStart(file)))) continue;
        const text = logCall.kind === 'console' ? consoleCallText(logCall, edits, ctx) : loggerCallText(logCall, edits, ctx);
        if (text === undefined) continue;
        const start = call.getStart(file);
        edits.add(start, call.end, text, [logUnit(path, start), ...edits.ownersWithin(start, call.end)]);
        ctx.counts.logsConverted++;
        changed.push({ logCall, message: /\(\s*['"]([^'"]*)['"]/.exec(text)?.[1] });
      }
    }
    ctx.findings.push(...logTextReaderFindings(ctx.facts.logTextAssertions, changed));
  },
};

/** A `(message, level)` wrapper gets its fields argument from logger-context: only where this run edits it. */
function wrapperOutsideRun(logCall: LoggerLogCall, ctx: RuleContext): string | undefined {
  if (!logCall.level || logCall.problem) return undefined;
  const { implementation, label } = logCall.logger;
  if (implementation && ctx.facts.editable.has(implementation.getSourceFile().fileName)) return undefined;
  return `\`${label}\` takes \`(message, level)\`, so no argument can carry fields, and its implementation is outside the files this run migrates; its messages keep their values`;
}

/** `log.<level>('message', { fields })`, or undefined when `logScope` leaves a constant call alone. */
function consoleCallText(logCall: ConsoleLogCall, edits: FileEdits, ctx: RuleContext): string | undefined {
  const { call } = logCall;
  const file = call.getSourceFile();
  const args = call.arguments.map((a) => valueShapeOf(a, shapeHooks(edits, ctx)));
  const log = buildStructuredLog({ method: logCall.method, args }, { idField: ctx.config.idField });
  if (!log.interpolated && ctx.config.logScope === 'interpolated') return undefined;
  return renderStructuredLogCall(log, { facade: ctx.runtimeName(file, 'log'), ...layoutAt(call, args.length > 0 ? messageQuote(args, preferredQuoteOf(file)) : preferredQuoteOf(file), edits, ctx) });
}

/** The same call on the project's logger, with the message constant and the values in its fields object. */
function loggerCallText(logCall: LoggerLogCall, edits: FileEdits, ctx: RuleContext): string {
  const { call, logger } = logCall;
  const file = call.getSourceFile();
  const render = (node: ts.Node) => edits.render(node.getStart(file), node.end);
  const args = logCall.messageArgs.map((a) => valueShapeOf(a, shapeHooks(edits, ctx)));
  const quote = messageQuote(args, preferredQuoteOf(file));

  // Fields the call already passes stay first, as written.
  const existing: StructuredField[] = [];
  const existingEntries: string[] = [];
  if (logCall.mergedError) {
    const code = render(logCall.mergedError);
    existing.push({ name: 'err', code });
    existingEntries.push(...fieldEntries([{ name: 'err', code }], quote));
  }
  if (logCall.mergedSpread) existingEntries.push(`...${render(logCall.mergedSpread)}`);
  // A closed options type (`{ tag?, data? }`): the fields go under its free-form property.
  const room = logger.closedOptions?.property;
  const properties = [...(logCall.merged?.properties ?? [])];
  const roomIndex = room ? properties.findIndex((p) => p.name !== undefined && propertyNameOf(p.name) === room) : -1;
  const roomProperty = roomIndex >= 0 ? properties[roomIndex] : undefined;
  const roomObject = roomProperty && ts.isPropertyAssignment(roomProperty) ? unwrapExpression(roomProperty.initializer) : undefined;
  const fieldsSource = roomObject && ts.isObjectLiteralExpression(roomObject) ? [...roomObject.properties] : room ? [] : properties;
  for (const property of fieldsSource) {
    if (ts.isShorthandPropertyAssignment(property)) existing.push({ name: property.name.text, code: property.name.text });
    else if (ts.isPropertyAssignment(property)) existing.push({ name: (property.name as ts.Identifier | ts.StringLiteral | ts.NumericLiteral).text, code: render(property.initializer) });
    existingEntries.push(render(property));
  }

  const structured = buildStructuredMessage(args, { idField: ctx.config.idField, leftoverArgs: leftoverArgsOf(logger), existingFields: existing, recordKeys: logger.closedOptions?.property ? [] : logger.recordKeys });
  let entries = [...existingEntries, ...fieldEntries(structured.fields, quote)];
  if (room && structured.fields.length === 0) entries = properties.map((p) => render(p));
  else if (room) {
    // What the free-form property held stays first: an object literal's entries, else its value spread.
    const held = roomProperty && !(roomObject && ts.isObjectLiteralExpression(roomObject))
      ? [`...${ts.isShorthandPropertyAssignment(roomProperty) ? roomProperty.name.text : spreadable(render((roomProperty as ts.PropertyAssignment).initializer), roomObject!)}`]
      : [];
    const inner = `${propertyKeyText(room, quote)}: { ${[...held, ...entries].join(', ')} }`;
    const outer = properties.map((p) => render(p));
    if (roomIndex >= 0) outer[roomIndex] = inner;
    else outer.push(inner);
    entries = outer;
  }
  const message: RenderedArgument = { text: quoteString(structured.message, quote) };
  // An argument the signature reads after the fields one keeps its place: the fields stay, if empty.
  const fields: RenderedArgument[] = entries.length > 0 ? [{ entries }] : logCall.after?.length ? [{ text: '{}' }] : [];
  // A leading argument whose parameter trace-params removed (a list deletion around it) goes with it.
  const deleted = (a: ts.Expression) => edits.isInsideEdit(a.getStart(file), a.end) && render(a) === a.getText(file);
  const leading = logCall.leading.filter((a) => !deleted(a)).map((a) => ({ text: render(a) }));
  if (logCall.level) {
    // `(message, level)`: the level stays second, the fields (an argument the wrapper now takes) third.
    const level = 'argument' in logCall.level ? render(logCall.level.argument) : logCall.level.defaultLevel !== undefined ? quoteString(logCall.level.defaultLevel, quote) : 'undefined';
    return renderCall(calleeText(call, edits), [...leading, message, { text: level }, ...fields], layoutAt(call, quote, edits, ctx));
  }
  const after = (logCall.after ?? []).map((a) => ({ text: render(a) }));
  const rendered = logger.form === 'object-first' ? [...leading, ...fields, message] : [...leading, message, ...fields, ...after];
  return renderCall(calleeText(call, edits), rendered, layoutAt(call, quote, edits, ctx));
}

function propertyNameOf(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

function propertyKeyText(name: string, quote: "'" | '"'): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : quoteString(name, quote);
}

/** A value spread into an object literal: parenthesised unless it is a plain reference. */
function spreadable(code: string, value: ts.Expression): string {
  return ts.isIdentifier(value) || ts.isPropertyAccessExpression(value) || ts.isCallExpression(value) ? code : `(${code})`;
}

/** The call's text up to its `(`: callee, `?.`, type arguments. */
function calleeText(call: ts.CallExpression, edits: FileEdits): string {
  const file = call.getSourceFile();
  const after = call.typeArguments ? call.typeArguments.end : call.expression.end;
  const open = file.text.indexOf('(', after);
  return edits.render(call.getStart(file), open);
}

function shapeHooks(edits: FileEdits, ctx: RuleContext): ShapeHooks {
  return {
    code: (expr) => edits.render(expr.getStart(), expr.end),
    isTraceId: (expr) => isTraceIdExpression(expr, ctx),
    isError: (expr) => ctx.facts.errorExpressions.has(expr),
    isDeleted: (node) => edits.isInsideEdit(node.getStart(), node.end),
    expansionOf: (name) => ctx.model.logExpansions.get(name),
  };
}

/** The id itself, possibly with a literal fallback or stringified. */
function isTraceIdExpression(expr: ts.Expression, ctx: Pick<RuleContext, 'model'>): boolean {
  let e = unwrapExpression(expr);
  for (;;) {
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      const right = unwrapExpression(e.right);
      if (ts.isStringLiteral(right) || ts.isNoSubstitutionTemplateLiteral(right) || ts.isNumericLiteral(right)) {
        e = unwrapExpression(e.left);
        continue;
      }
    }
    if (ts.isCallExpression(e) && e.arguments.length >= 1) {
      const callee = e.expression.getText();
      if ((callee === 'String' && e.arguments.length === 1) || callee === 'JSON.stringify') {
        e = unwrapExpression(e.arguments[0]!);
        continue;
      }
    }
    if (ts.isCallExpression(e) && e.arguments.length === 0 && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'toString') {
      e = unwrapExpression(e.expression.expression);
      continue;
    }
    break;
  }
  return ctx.model.traceIdReferences.has(e);
}

/** A file TypeScript treats as a global script (ESM syntax expected, but no import/export yet). */
function isGlobalScript(file: ts.SourceFile): boolean {
  return importSyntaxOf(file) === 'esm' && !ts.isExternalModule(file);
}

function layoutAt(call: ts.CallExpression, quote: "'" | '"', edits: FileEdits, ctx: RuleContext): CallLayout {
  const file = call.getSourceFile();
  const start = call.getStart(file);
  return {
    quote,
    indent: ctx.indentAt(file, start),
    indentUnit: ctx.indentUnit(file),
    eol: edits.source.eol,
    column: columnAfterShift(ctx, file, start),
    maxLineLength: MAX_LINE_LENGTH,
  };
}

/** The column where the call will start, after planned re-indentation (scope wraps). */
function columnAfterShift(ctx: RuleContext, file: ts.SourceFile, pos: number): number {
  const text = file.text;
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const original = text.slice(lineStart, pos).replace(/^[ \t]*/, '');
  return ctx.indentAt(file, pos).length + original.length;
}
