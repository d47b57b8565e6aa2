// logger-context: where a pino or winston logger is created in the migrated files, its records get
// the trace context — pino a `mixin` (merged into an existing one), winston a `format` in front of
// its own — so the id that structured-logs drops from their messages is still in every record.
// bunyan has no hook that runs per record, and loggers created elsewhere cannot be edited: those
// get a `manual` finding that says what to add where.
import { ts } from '../syntax/typescript.js';
import { unwrapExpression } from '../syntax/function-likes.js';
import type { LoggerCreation, ProjectLogger } from '../analyze/project-loggers.js';
import { loggerSinksOf, type WriteSink } from '../analyze/logger-write-path.js';
import type { FileEdits } from '../syntax/file-edits.js';
import { lineIndentAt } from '../syntax/source-layout.js';
import type { Rule, RuleContext } from './rule.js';
import { loggerUnit, type EditUnit } from '../syntax/edit-unit.js';

export const loggerContext: Rule = {
  id: 'logger-context',
  description: 'Where a pino or winston logger is created, its records get the trace context (pino `mixin`, winston a `format`); bunyan and loggers created elsewhere get a `manual` finding.',
  apply(ctx: RuleContext): void {
    for (const creation of ctx.facts.loggerCreations) {
      if (ctx.isRefused(ownerOf(creation.call))) continue; // its edit would not type-check: reported by verify
      const problem = creation.library === 'pino' ? injectPinoMixin(creation, ctx) : creation.library === 'winston' ? injectWinstonFormat(creation, ctx) : bunyanAdvice(ctx);
      if (problem) ctx.findings.push({ ruleId: 'logger-context', kind: 'manual', node: creation.call, message: problem });
    }
    const editable = (node: ts.Node) => ctx.facts.editable.has(node.getSourceFile().fileName);
    // In-house loggers implemented in the migrated code: their write path adds the id, once, so
    // every record carries it, whether its call was converted or not.
    const injected = new Set<string>();
    const sinksDone = new Set<ts.CallExpression>();
    // What cannot be injected matters only for a logger some of whose messages lose their id.
    const interpolating = new Set<string>();
    // `(message, level)` wrappers some of whose calls structured-logs gives a third, fields argument.
    const takingFields = new Set<string>();
    for (const calls of ctx.facts.logCalls.values()) {
      for (const call of calls) {
        if (call.kind === 'logger' && call.interpolated) interpolating.add(call.logger.key);
        if (call.kind === 'logger' && call.interpolated && call.level && !call.problem) takingFields.add(call.logger.key);
      }
    }
    for (const calls of ctx.facts.logCalls.values()) {
      for (const call of calls) {
        if (call.kind !== 'logger' || call.logger.library !== 'own' || injected.has(call.logger.key)) continue;
        const { implementation } = call.logger;
        if (!implementation || !editable(implementation)) continue;
        injected.add(call.logger.key);
        const fields = takingFields.has(call.logger.key) ? addFieldsParameter(implementation, ctx) : undefined;
        const problem = injectOwnLogger(call.logger, implementation, sinksDone, ctx, fields);
        if (problem && interpolating.has(call.logger.key)) ctx.findings.push({ ruleId: 'logger-context', kind: 'manual', node: implementation, message: problem });
      }
    }
    // Loggers whose messages lost their id, created where this run cannot add the context.
    const reported = new Set<string>();
    for (const calls of ctx.facts.logCalls.values()) {
      for (const call of calls) {
        if (call.kind !== 'logger' || !call.interpolated || call.problem || reported.has(call.logger.key) || injected.has(call.logger.key)) continue;
        const { logger } = call;
        if (logger.library === 'facade' || (logger.creation && editable(logger.creation) && logger.library !== 'bunyan')) continue;
        if (logger.library === 'bunyan' && logger.creation && editable(logger.creation)) continue; // reported at its creation
        reported.add(logger.key);
        ctx.findings.push({ ruleId: 'logger-context', kind: 'manual', node: call.call, message: elsewhereAdvice(logger, ctx) });
      }
    }
  },
};

const ALREADY_INJECTED = /\b(traceId|currentTrace)\d*\s*\(/;

/** `pino({ … })` gets `mixin: () => ({ correlationId: traceId() })`, or its mixin's result gets the id. */
function injectPinoMixin(creation: LoggerCreation, ctx: RuleContext): string | undefined {
  const { call } = creation;
  const file = call.getSourceFile();
  const where = `\`${calleeLabel(call)}\``;
  const idEntry = () => `${propertyKey(ctx.config.idField)}: ${ctx.runtimeName(file, 'traceId')}()`;
  const advice = `\`mixin: () => ({ ${propertyKey(ctx.config.idField)}: traceId() })\` (traceId from the trace-context module)`;
  const options = call.arguments[0] && unwrapExpression(call.arguments[0]);
  if (options && !ts.isObjectLiteralExpression(options)) return `${where}: its options are not an object literal here; add ${advice} to them`;
  const mixin = options && property(options, 'mixin');
  if (!mixin) {
    if (options?.properties.some((p) => ts.isSpreadAssignment(p))) return `${where}: its options spread another object, which may set a mixin; add ${advice}, merging any mixin it has`;
    setProperty(call, undefined, () => `mixin: () => ({ ${idEntry()} })`, ctx);
    return undefined;
  }
  if (ALREADY_INJECTED.test(mixin.getText(file))) return undefined;
  // An arrow that returns an expression: the id joins its result. Anything else is merged by hand
  // (wrapping a function of unknown arity would not type-check).
  const initializer = ts.isPropertyAssignment(mixin) ? unwrapExpression(mixin.initializer) : undefined;
  if (initializer && ts.isArrowFunction(initializer) && !ts.isBlock(initializer.body)) {
    const body = unwrapExpression(initializer.body);
    const edits = ctx.edits(file);
    if (ts.isObjectLiteralExpression(body)) {
      if (body.properties.some((p) => p.name?.getText(file).replace(/^['"]|['"]$/g, '') === ctx.config.idField)) return undefined; // it sets the id itself
      insertIntoObject(body, idEntry(), edits, ownerOf(call));
    } else {
      const value = edits.render(initializer.body.getStart(file), initializer.body.end);
      edits.add(initializer.body.getStart(file), initializer.body.end, `({ ...(${value}), ${idEntry()} })`, ownerOf(call));
    }
    return undefined;
  }
  return `${where}: it has a mixin the rewrite cannot extend; add \`${propertyKey(ctx.config.idField)}: traceId()\` to the object it returns by hand`;
}

/** `winston.createLogger({ … })` gets a format that adds the id in front of its own (json by default). */
function injectWinstonFormat(creation: LoggerCreation, ctx: RuleContext): string | undefined {
  const { call } = creation;
  const file = call.getSourceFile();
  const where = `\`${calleeLabel(call)}\``;
  const advice = `a format that adds \`${ctx.config.idField}\` from traceId() (trace-context module): format.combine(format((info) => { const id = traceId(); if (id !== undefined) info${propertyAccess(ctx.config.idField)} = id; return info; })(), <its format>)`;
  const format = winstonFormatName(call);
  if (!format) return `${where}: winston's \`format\` is not imported in this file; add ${advice}`;
  const options = call.arguments[0] && unwrapExpression(call.arguments[0]);
  if (options && !ts.isObjectLiteralExpression(options)) return `${where}: its options are not an object literal here; add ${advice}`;
  const existing = options && property(options, 'format');
  if (existing && ALREADY_INJECTED.test(existing.getText(file))) return undefined;
  if (existing && !ts.isPropertyAssignment(existing) && !ts.isShorthandPropertyAssignment(existing)) return `${where}: its format is not a plain property; add ${advice}`;
  if (!existing && options?.properties.some((p) => ts.isSpreadAssignment(p))) return `${where}: its options spread another object, which may set a format; add ${advice}`;
  const edits = ctx.edits(file);
  const value = !existing ? `${format}.json()` : ts.isPropertyAssignment(existing) ? edits.render(existing.initializer.getStart(file), existing.initializer.end) : existing.name.text;
  // format.combine(<adds the id>, <its format, json by default>), one step deeper than the property.
  setProperty(call, existing, (indent) => {
    const unit = ctx.indentUnit(file);
    return [
      `format: ${format}.combine(`,
      `${indent}${unit}${format}((info) => {`,
      `${indent}${unit}${unit}const id = ${ctx.runtimeName(file, 'traceId')}();`,
      `${indent}${unit}${unit}if (id !== undefined) info${propertyAccess(ctx.config.idField)} = id;`,
      `${indent}${unit}${unit}return info;`,
      `${indent}${unit}})(),`,
      `${indent}${unit}${value},`,
      `${indent})`,
    ].join(edits.source.eol);
  }, ctx);
  return undefined;
}

/**
 * An in-house logger's sinks get the id: a record object it writes (`JSON.stringify({ … })`) gets
 * `correlationId: traceId()` last (call-site fields never overwrite it); a console call gets one more
 * argument, an object with the id, inside a trace context only (console prints it with the line).
 */
function injectOwnLogger(logger: ProjectLogger, implementation: ts.SignatureDeclaration, done: Set<ts.CallExpression>, ctx: RuleContext, fields?: string): string | undefined {
  const sinks = loggerSinksOf(implementation, ctx.facts.checker).filter((sink) => !done.has(sink.call));
  // A wrapper around pino or winston: that library's logger gets the context where it is created.
  if (sinks.length === 0 && wrapsLibraryLogger(implementation, ctx)) return undefined;
  const named = implementation.name ?? (ts.isPropertyAssignment(implementation.parent) ? implementation.parent.name : undefined);
  const method = named?.getText() ?? 'its methods';
  if (sinks.length === 0 && done.size === 0) {
    return `\`${logger.label}\` (the project's own logger): no console call or stream write is reached from \`${method}\`, so its records do not carry \`${ctx.config.idField}\`; add traceId() (trace-context module) where it writes them`;
  }
  const unsupported: WriteSink[] = [];
  for (const sink of sinks) {
    done.add(sink.call);
    if (ctx.isRefused(ownerOf(sink.call)) || ALREADY_INJECTED.test(sink.call.getText())) continue;
    if (printsTraceId(sink.call, ctx)) {
      // `console.log(`[${reqId}]`, ...args)`: the id it printed becomes traceId(); nothing to add.
      dropFindingsWithin(sink.call, ctx);
      continue;
    }
    const file = sink.call.getSourceFile();
    const edits = ctx.edits(file);
    // A console call the log rule converted now writes through the facade, which adds the id.
    if (edits.isInsideEdit(sink.call.getStart(file), sink.call.end)) continue;
    const id = ctx.runtimeName(file, 'traceId');
    if (sink.record) {
      if (!sink.record.properties.some((p) => p.name?.getText(file).replace(/^['"]|['"]$/g, '') === ctx.config.idField)) {
        insertIntoObject(sink.record, `${propertyKey(ctx.config.idField)}: ${id}()`, edits, ownerOf(sink.call));
      }
      // The logger's own write path, now handled: not a console call to convert by hand.
      dropFindingsWithin(sink.call, ctx);
    } else if (sink.kind === 'console' && !sink.opaqueJson) {
      const args = sink.call.arguments;
      const last = args[args.length - 1];
      const at = last ? last.end : file.text.indexOf('(', sink.call.expression.end) + 1;
      const context = `...(${id}() === undefined ? [] : [{ ${propertyKey(ctx.config.idField)}: ${id}() }])`;
      // A `(message, level)` wrapper's new fields argument is printed the way console prints objects.
      const extra = fields ? `...(${fields} === undefined ? [] : [${fields}]), ${context}` : context;
      // With a new fields parameter, the sink and the parameter stand or fall together.
      const owner = fields ? loggerUnit(implementation.getSourceFile().fileName, implementation.getStart()) : ownerOf(sink.call);
      edits.add(at, at, last ? `, ${extra}` : extra, owner);
      // `console[level](line, ...args)` is the logger's own write path, now handled: not a misuse to convert by hand.
      dropFindingsWithin(sink.call, ctx);
    } else unsupported.push(sink);
  }
  if (unsupported.length === 0) return undefined;
  const where = unsupported.map((sink) => `\`${sink.call.expression.getText()}\` (line ${sink.call.getSourceFile().getLineAndCharacterOfPosition(sink.call.getStart()).line + 1})`).join(', ');
  return `\`${logger.label}\` (the project's own logger) writes text through ${where}: add \`${ctx.config.idField}\` from traceId() (trace-context module) to what it writes`;
}

/**
 * `function log(message, level)` becomes `function log(message, level, fields)` (typed as an
 * optional record in TypeScript): calls that pass no fields behave as before. Returns its name.
 */
function addFieldsParameter(implementation: ts.SignatureDeclaration, ctx: RuleContext): string {
  const file = implementation.getSourceFile();
  const body = (implementation as { body?: ts.Node }).body;
  const used = new Set<string>();
  const collect = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) used.add(node.text);
    ts.forEachChild(node, collect);
  };
  if (body) collect(body);
  const name = ['fields', 'logFields', 'recordFields'].find((n) => !used.has(n)) ?? 'fields2';
  const typed = /\.(ts|tsx|mts|cts)$/.test(file.fileName);
  const last = implementation.parameters[implementation.parameters.length - 1]!;
  ctx.edits(file).add(last.end, last.end, `, ${name}${typed ? '?: Record<string, unknown>' : ''}`, loggerUnit(file.fileName, implementation.getStart(file)));
  return name;
}

/** The sink prints the id it was given, which this run turns into a read of the context. */
function printsTraceId(call: ts.CallExpression, ctx: RuleContext): boolean {
  const within = (node: ts.Node) => node.getSourceFile() === call.getSourceFile() && node.getStart() >= call.getStart() && node.end <= call.end;
  return ctx.model.contextReads.some((read) => within(read.reference)) || [...ctx.model.traceIdReferences, ...ctx.model.logExpansions.keys()].some(within);
}

function wrapsLibraryLogger(implementation: ts.SignatureDeclaration, ctx: RuleContext): boolean {
  const owner = ts.findAncestor(implementation, (n) => ts.isClassLike(n) || ts.isObjectLiteralExpression(n)) ?? implementation;
  const calls = ctx.facts.logCalls.get(owner.getSourceFile().fileName) ?? [];
  return calls.some((c) => c.kind === 'logger' && (c.logger.library === 'pino' || c.logger.library === 'winston') && c.call.getStart() >= owner.getStart() && c.call.end <= owner.end);
}

function dropFindingsWithin(node: ts.Node, ctx: RuleContext): void {
  const inside = (other: ts.Node) => other.getSourceFile() === node.getSourceFile() && other.getStart() >= node.getStart() && other.end <= node.end;
  for (let i = ctx.findings.length - 1; i >= 0; i--) {
    const finding = ctx.findings[i]!;
    if (finding.ruleId === 'structured-logs' && inside(finding.node)) ctx.findings.splice(i, 1);
  }
}

function bunyanAdvice(ctx: RuleContext): string {
  return `bunyan has no hook that runs for every record, so this logger's records do not carry \`${ctx.config.idField}\`: log through \`logger.child({ ${propertyKey(ctx.config.idField)}: traceId() }, true)\` inside the trace context, or move to pino`;
}

function elsewhereAdvice(logger: ProjectLogger, ctx: RuleContext): string {
  const id = ctx.config.idField;
  const where = logger.creation ? `where it is created (${logger.creation.getSourceFile().fileName.split('/').pop()}, outside this run)` : 'where it is created (the analysis cannot see where)';
  switch (logger.library) {
    case 'pino':
      return `records of \`${logger.label}\` (pino) carry \`${id}\` only with \`mixin: () => ({ ${propertyKey(id)}: traceId() })\` ${where}`;
    case 'winston':
      return `records of \`${logger.label}\` (winston) carry \`${id}\` only with a format that adds traceId() ${where}`;
    case 'bunyan':
      return `records of \`${logger.label}\` (bunyan) carry \`${id}\` only when logged through \`${logger.label}.child({ ${propertyKey(id)}: traceId() }, true)\` inside the trace context: bunyan has no per-record hook`;
    default:
      return `records of \`${logger.label}\` (the project's own logger) carry \`${id}\` only if its implementation adds traceId() (trace-context module) to each one`;
  }
}

/** The local name of winston's `format`: `winston.format` for a default/namespace import, or a named `format` import. */
function winstonFormatName(call: ts.CallExpression): string | undefined {
  const callee = unwrapExpression(call.expression);
  if (ts.isPropertyAccessExpression(callee)) {
    const object = unwrapExpression(callee.expression);
    return ts.isIdentifier(object) ? `${object.text}.format` : undefined;
  }
  const file = call.getSourceFile();
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === 'winston') {
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        const element = bindings.elements.find((e) => (e.propertyName ?? e.name).text === 'format' && !e.isTypeOnly);
        if (element) return element.name.text;
      }
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer && unwrapExpression(declaration.initializer);
        if (!init || !ts.isCallExpression(init) || init.expression.getText(file) !== 'require' || init.arguments[0]?.getText(file).slice(1, -1) !== 'winston') continue;
        if (ts.isObjectBindingPattern(declaration.name)) {
          const element = declaration.name.elements.find((e) => (e.propertyName ?? e.name).getText(file) === 'format');
          if (element && ts.isIdentifier(element.name)) return element.name.text;
        }
      }
    }
  }
  return undefined;
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralElementLike | undefined {
  return object.properties.find((p) => p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name);
}

/**
 * Sets a property of the creation call's options object (adding the object when there is none):
 * replaces `target`, or adds it last. `text(indent)` gets the indentation of the property's line.
 * A multi-line property turns a one-line object into one property per line.
 */
function setProperty(call: ts.CallExpression, target: ts.ObjectLiteralElementLike | undefined, text: (indent: string) => string, ctx: RuleContext): void {
  const file = call.getSourceFile();
  const edits = ctx.edits(file);
  const owner = ownerOf(call);
  const eol = edits.source.eol;
  const options = call.arguments[0] && unwrapExpression(call.arguments[0]);
  const object = options && ts.isObjectLiteralExpression(options) ? options : undefined;
  const properties = object ? [...object.properties] : [];
  const lineOf = (pos: number) => file.getLineAndCharacterOfPosition(pos).line;
  if (object && properties.length > 0 && lineOf(properties[0]!.getStart(file)) !== lineOf(object.getStart(file))) {
    // One property per line already: replace in place, or add after the last one.
    const indent = lineIndentAt(file.text, (target ?? properties[properties.length - 1]!).getStart(file));
    if (target) edits.add(target.getStart(file), target.end, text(indent), owner);
    else insertIntoObject(object, text(indent), edits, owner);
    return;
  }
  const outer = lineIndentAt(file.text, (object ?? call).getStart(file));
  const indent = outer + ctx.indentUnit(file);
  const value = text(indent);
  if (!value.includes('\n')) {
    if (target) edits.add(target.getStart(file), target.end, value, owner);
    else if (object) insertIntoObject(object, value, edits, owner);
    else {
      const at = file.text.indexOf('(', call.expression.end) + 1;
      edits.add(at, at, `{ ${value} }`, owner);
    }
    return;
  }
  const entries = properties.map((p) => (p === target ? value : edits.render(p.getStart(file), p.end)));
  if (!target) entries.push(value);
  const rendered = `{${eol}${entries.map((e) => `${indent}${e},`).join(eol)}${eol}${outer}}`;
  if (object) edits.add(object.getStart(file), object.end, rendered, [owner, ...edits.ownersWithin(object.getStart(file), object.end)]);
  else {
    const at = file.text.indexOf('(', call.expression.end) + 1;
    edits.add(at, at, rendered, owner);
  }
}

/** Adds `text` as the last property of an object, following its layout (one line, or one property per line). */
function insertIntoObject(object: ts.ObjectLiteralExpression, text: string, edits: FileEdits, owner: EditUnit): void {
  const file = object.getSourceFile();
  const properties = object.properties;
  const last = properties[properties.length - 1];
  if (!last) {
    edits.add(object.getStart(file) + 1, object.end - 1, ` ${text} `, owner);
    return;
  }
  const multiLine = file.getLineAndCharacterOfPosition(last.getStart(file)).line !== file.getLineAndCharacterOfPosition(object.getStart(file)).line;
  const trailingComma = properties.hasTrailingComma;
  const afterLast = trailingComma ? file.text.indexOf(',', last.end) + 1 : last.end;
  if (multiLine) {
    const indent = lineIndentAt(file.text, last.getStart(file));
    const eol = edits.source.eol;
    edits.add(afterLast, afterLast, trailingComma ? `${eol}${indent}${text},` : `,${eol}${indent}${text}`, owner);
  } else {
    edits.add(afterLast, afterLast, trailingComma ? ` ${text},` : `, ${text}`, owner);
  }
}

function ownerOf(call: ts.CallExpression): EditUnit {
  return loggerUnit(call.getSourceFile().fileName, call.getStart());
}

/** `pino(…)`, `winston.createLogger(…)`: how findings name a creation. */
function calleeLabel(call: ts.CallExpression): string {
  return `${call.expression.getText().replace(/\s+/g, '')}(…)`;
}

function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`;
}

function propertyAccess(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `['${name}']`;
}
