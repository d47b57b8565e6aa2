// Which calls are logging calls, what they interpolate, and whether the log rule can convert them:
// `console.*` always; the project's own loggers through project-loggers.ts. Decided here, once, so
// the plan (which id mentions the log rule drops) and the rule (which calls it rewrites) agree.
import { ts } from '../syntax/typescript.js';
import { consoleMemberMethod, consoleMethodOf, isConsole, isJsonRecordLine } from '../syntax/console-calls.js';
import { messageValues } from '../syntax/log-core/structured-log.js';
import { shortText, unwrapExpression, walk } from '../syntax/function-likes.js';
import { SOURCE_SHAPE_HOOKS, valueShapeOf } from '../syntax/log-shapes.js';
import type { LoggerCreation, ProjectLogger, ProjectLoggers } from './project-loggers.js';


export interface ConsoleLogCall {
  kind: 'console';
  call: ts.CallExpression;
  method: string;
  /** The values it interpolates (template spans, `+` operands, arguments). */
  values: ts.Expression[];
  /** Why the rule cannot convert it (a `manual` finding); undefined when it can. */
  problem?: string;
}

export interface LoggerLogCall {
  kind: 'logger';
  call: ts.CallExpression;
  method: string;
  logger: ProjectLogger;
  /** Arguments before the message, kept as written (winston's level in `logger.log('info', …)`). */
  leading: ts.Expression[];
  /** An object literal of fields the call already passes (pino's first argument, winston's meta): new fields join it. */
  merged?: ts.ObjectLiteralExpression;
  /** pino/bunyan: an Error first argument, which pino serialises as `err` — it becomes the `err` field (so does an Error meta of a console-like logger). */
  mergedError?: ts.Expression;
  /** A fields object passed by reference (`meta`): new fields join a copy of it (`{ ...meta, a }`). */
  mergedSpread?: ts.Expression;
  /** The message and the arguments after it. */
  messageArgs: ts.Expression[];
  /**
   * A `(message, level)` wrapper's level: the call's argument, kept as written, or the level the
   * wrapper defaults to (undefined when it does not say); the fields go after it.
   */
  level?: { argument: ts.Expression } | { defaultLevel: string | undefined };
  /** Arguments after the fields one that the logger's signature reads (`logger.error(msg, meta, err)`): kept as written. */
  after?: ts.Expression[];
  values: ts.Expression[];
  /** The message interpolates values: only such calls are rewritten. */
  interpolated: boolean;
  problem?: string;
  /** The problem is the logger's, not the call's: reported once per logger. */
  perLogger?: boolean;
}

export type LogCall = ConsoleLogCall | LoggerLogCall;

/** A console use no rewrite can follow (spread, `.apply`, an alias, `console[level]`). */
export interface ConsoleMisuse {
  node: ts.Node;
  message: string;
}

export interface FileLogFacts {
  calls: LogCall[];
  misuses: ConsoleMisuse[];
  creations: LoggerCreation[];
}

/**
 * The expressions a log call's message takes over, as the log core reads them: template spans,
 * `+` operands, format and extra arguments — each becomes a placeholder and field, or is the id.
 */
export function interpolatedExpressions(args: readonly ts.Expression[], leftoverArgs: 'message' | 'fields' = 'message'): ts.Expression[] {
  const shapes = args.filter((a) => !ts.isSpreadElement(a)).map((a) => valueShapeOf(a, SOURCE_SHAPE_HOOKS));
  return messageValues(shapes, leftoverArgs).map((shape) => shape.node as ts.Expression);
}

/** Arguments no format specifier uses: console and bunyan (util.format) print them; pino drops them from its message. */
export function leftoverArgsOf(logger: ProjectLogger): 'message' | 'fields' {
  return logger.form === 'object-first' && logger.library !== 'bunyan' ? 'fields' : 'message';
}

/** Console and project-logger calls, console misuses and logger creations of one file; Error-typed values go into `errors`. */
export function collectLogCalls(file: ts.SourceFile, checker: ts.TypeChecker, loggers: ProjectLoggers, errors: Set<ts.Node>): FileLogFacts {
  const facts: FileLogFacts = { calls: [], misuses: [], creations: loggers.creationsIn(file) };
  const markErrors = (values: readonly ts.Expression[]) => {
    for (const value of values) for (const candidate of stringifiedValues(value)) if (isErrorValue(checker, candidate)) errors.add(candidate);
  };
  walk(file, (node) => {
    if (ts.isCallExpression(node)) {
      const method = consoleMethodOf(node);
      // `console.log(JSON.stringify({ level, message, … }))` already writes a structured record:
      // wrapping it would nest the record under a field and blank its message.
      if (method && isJsonRecordLine(node)) return true;
      if (method) {
        const spread = node.arguments.some((a) => ts.isSpreadElement(a));
        const call: ConsoleLogCall = { kind: 'console', call: node, method, values: spread ? [] : interpolatedExpressions(node.arguments) };
        if (spread) {
          call.problem = `\`console.${method}\` with spread arguments left as is: the message cannot be read; convert it by hand`;
          facts.misuses.push({ node, message: call.problem });
        }
        markErrors(call.values);
        facts.calls.push(call);
        return true;
      }
      const logger = loggers.loggerOf(node) ?? loggers.functionLoggerOf(node);
      if (logger) {
        const call = describeLoggerCall(node, logger.logger, logger.method, (e) => metaKindOf(checker, e));
        markErrors(call.values);
        if (call.mergedError) errors.add(call.mergedError);
        call.problem ??= errorProblem(call, (e) => isErrorValue(checker, e));
        facts.calls.push(call);
        return true;
      }
    }
    const misuse = consoleMisuse(node);
    if (misuse) facts.misuses.push({ node, message: misuse });
    return true;
  });
  return facts;
}

/** `console.log.apply(…)`, `const log = console.log`, `.catch(console.error)`, `console[level](…)`, `const { log } = console`. */
function consoleMisuse(node: ts.Node): string | undefined {
  if (ts.isElementAccessExpression(node) && isConsole(node.expression) && !consoleMemberMethod(node)) {
    const parent = node.parent;
    if (ts.isCallExpression(parent) && parent.expression === node) {
      return `\`${shortText(node, 40)}(…)\` chooses the console method at run time; the log rule cannot convert it — convert it by hand`;
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(node) && consoleMemberMethod(node)) {
    const parent = skipParentheses(node);
    const outer = parent.parent;
    if (ts.isCallExpression(outer) && outer.expression === parent) return undefined; // a call: handled as one
    if (ts.isBinaryExpression(outer) && outer.left === parent && outer.operatorToken.kind === ts.SyntaxKind.EqualsToken) return undefined; // console.log = …
    if (ts.isTypeOfExpression(outer) || ts.isDeleteExpression(outer)) return undefined;
    if (ts.isPropertyAccessExpression(outer) && ['apply', 'call', 'bind'].includes(outer.name.text)) {
      return `\`${shortText(node, 40)}\` called through .${outer.name.text}: the log rule cannot read its arguments; convert it by hand`;
    }
    return `\`${shortText(node, 40)}\` is used as a value (${valueUse(outer)}); calls through it stay console calls — convert them by hand`;
  }
  if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer && isConsole(node.initializer)) {
    return 'console methods destructured from `console`; calls through them stay console calls — convert them by hand';
  }
  return undefined;
}

function valueUse(node: ts.Node): string {
  if (ts.isVariableDeclaration(node)) return `stored in \`${node.name.getText()}\``;
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) return 'passed as an argument';
  if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) return 'stored in an object';
  if (ts.isBinaryExpression(node)) return 'assigned';
  return 'not called';
}

function skipParentheses(node: ts.Node): ts.Node {
  let current = node;
  while (current.parent && ts.isParenthesizedExpression(current.parent)) current = current.parent;
  return current;
}


/** What a value passed after a message is, by its type: an Error, an object of fields, or anything else. */
export type MetaKind = 'error' | 'object' | undefined;

/** Where the message sits in a project logger's call, what it merges, and whether it can be rewritten. */
function describeLoggerCall(call: ts.CallExpression, logger: ProjectLogger, method: string, metaKind: (e: ts.Expression) => MetaKind): LoggerLogCall {
  const args = [...call.arguments];
  const out: LoggerLogCall = { kind: 'logger', call, method, logger, leading: [], messageArgs: [], values: [], interpolated: false };
  if (args.some((a) => ts.isSpreadElement(a))) {
    out.problem = `\`${logger.label}.${method}\` with spread arguments left as is: the message cannot be read; convert it by hand`;
    return out;
  }
  let rest = args;
  if (logger.library === 'winston' && method === 'log') {
    const level = rest[0] && unwrapExpression(rest[0]);
    if (!level || !isStringExpression(level)) return out; // logger.log({ level, message }): already an object
    out.leading = [rest[0]!];
    rest = rest.slice(1);
  }
  if (logger.levelSecond) return describeLevelSecondCall(out, rest, logger, method);
  if (logger.leadingParameters) {
    // `log(reqId, message, …)`: the arguments before the printed values stay (or go with their parameter).
    if (rest.length <= logger.leadingParameters) return out;
    out.leading = rest.slice(0, logger.leadingParameters);
    rest = rest.slice(logger.leadingParameters);
  }
  if (logger.library === 'own' && logger.parametersAfterFields && rest.length > 2 && rest.length <= 2 + logger.parametersAfterFields) {
    out.after = rest.slice(2);
    rest = rest.slice(0, 2);
  }
  const form = logger.form ?? (isStringExpression(rest[0]) ? 'message-first' : 'object-first');
  let mergeProblem: string | undefined;
  if (form === 'object-first' && rest.length >= 2 && !isStringExpression(rest[0]) && isStringExpression(rest[1])) {
    const first = unwrapExpression(rest[0]!);
    if (ts.isObjectLiteralExpression(first) && isPlainFields(first)) out.merged = first;
    else if (logger.library !== 'own') out.mergedError = rest[0]; // decided by type below: an Error, or a problem
    else mergeProblem = `\`${logger.label}.${method}\` merges \`${shortText(first, 40)}\`, which the rewrite cannot add fields to; convert it by hand`;
    rest = rest.slice(1);
  }
  if (!isStringExpression(rest[0])) return out; // no string message: nothing interpolated into text
  // pino, winston (with splat), bunyan and console-like wrappers (util.format through console)
  // format `%s`-style arguments into the message; the facade and other own loggers take (msg, fields).
  const consoleLike = logger.library === 'own' && logger.consoleLike === true;
  const formats = logger.library === 'pino' || logger.library === 'winston' || logger.library === 'bunyan' || consoleLike;
  const consumed = formats ? specifierCount(rest[0]!) : 0;
  if (form === 'message-first' && rest.length >= 2 && rest.length - 1 > consumed) {
    const lastArg = rest[rest.length - 1]!;
    const last = unwrapExpression(lastArg);
    const kind = ts.isObjectLiteralExpression(last) ? (isPlainFields(last) ? 'fields' : undefined) : metaKind(last);
    if (kind === 'fields') out.merged = last as ts.ObjectLiteralExpression;
    else if (kind === 'error') out.mergedError = lastArg;
    else if (kind === 'object' && isPlainReference(last)) out.mergedSpread = lastArg;
    if (out.merged || out.mergedError || out.mergedSpread) rest = rest.slice(0, -1);
    // `logger.info('Token refreshed', meta)`: a constant message and one value after it is how
    // winston-like loggers are called already structured, whatever the value's type says.
    else if (!consoleLike && rest.length === 2 && !isStringExpression(lastArg) && interpolatedExpressions(rest.slice(0, 1)).length === 0) return out;
  }
  const unused = rest.length - 1 - consumed;
  out.messageArgs = formats ? rest : rest.slice(0, 1);
  out.values = interpolatedExpressions(out.messageArgs, leftoverArgsOf(logger));
  out.interpolated = out.values.length > 0;
  if (!out.interpolated) return out;
  out.problem = mergeProblem;
  // A logger whose form is unknown gets one finding for all its calls (below), not one per call.
  if (unused > 0 && !consoleLike && logger.form !== undefined && (form === 'message-first' || !formats)) {
    out.problem ??= `\`${logger.label}.${method}\` has arguments after its message that no format specifier uses; convert it by hand`;
  }
  if (logger.closedOptions?.problem) {
    out.problem ??= logger.closedOptions.problem;
    out.perLogger = true;
  } else if (logger.closedOptions && out.mergedSpread) {
    out.problem ??= `\`${logger.label}.${method}\` passes its options by reference; the rewrite cannot add fields to their \`${logger.closedOptions.property}\`; convert it by hand`;
  } else if (logger.library === 'own' && logger.consoleTyped) {
    out.problem ??= `\`${logger.label}\` is typed as a Console (handed in, or \`console\` by default): whatever the caller passes prints a fields argument its own way (console as an object after the text), so its messages keep their values; convert them by hand once it is a logger that takes fields`;
    out.perLogger = true;
  } else if (logger.library === 'own' && logger.stringsOnly) {
    out.problem ??= `\`${logger.label}\` takes strings only (no argument can carry fields), so its messages keep their values; give its methods a \`fields\` parameter (or \`...args\`) to convert them`;
    out.perLogger = true;
  } else if (logger.form === undefined) {
    out.problem ??= `cannot tell how \`${logger.label}\` takes fields (no \`(msg, fields)\`, \`(fields, msg)\` or \`(msg, ...args)\` signature); convert its calls by hand, or name the logger in loggerNames only if it is pino-, winston- or bunyan-like`;
    out.perLogger = true;
  }
  return out;
}

/**
 * `logger.log(message, level)`: the message is the first argument, the level stays second (or the
 * wrapper's default level is written out), and the fields go third, an argument the logger-context
 * rule gives the wrapper. A call with more arguments than that is not one the wrapper reads.
 */
function describeLevelSecondCall(out: LoggerLogCall, args: ts.Expression[], logger: ProjectLogger, method: string): LoggerLogCall {
  if (!isStringExpression(args[0])) return out;
  out.messageArgs = args.slice(0, 1);
  out.values = interpolatedExpressions(out.messageArgs);
  out.interpolated = out.values.length > 0;
  if (!out.interpolated) return out;
  if (logger.levelSecond?.problem) {
    out.problem = logger.levelSecond.problem;
    out.perLogger = true;
    return out;
  }
  if (args.length > 2) {
    out.problem = `\`${logger.label}.${method}\` takes \`(message, level)\`; this call passes more, which the wrapper does not read; convert it by hand`;
    return out;
  }
  out.level = args[1] ? { argument: args[1] } : { defaultLevel: logger.levelSecond?.defaultLevel };
  return out;
}

/** `meta`, `this.context`, `req.log.bindings`: spread into the fields object without running anything twice. */
function isPlainReference(e: ts.Expression): boolean {
  return ts.isIdentifier(e) || (ts.isPropertyAccessExpression(e) && (isPlainReference(e.expression) || e.expression.kind === ts.SyntaxKind.ThisKeyword));
}

/**
 * Error values a library would not serialise under `err`: winston writes an Error field as `{}`
 * (its message and stack are merged only from a meta Error), bunyan only with `serializers`.
 */
function errorProblem(call: LogCall, isError: (e: ts.Expression) => boolean): string | undefined {
  if (call.kind !== 'logger' || !call.interpolated) return undefined;
  const { library, label } = call.logger;
  if (call.mergedError && !isError(call.mergedError)) {
    return `\`${label}.${call.method}\` merges \`${shortText(call.mergedError, 40)}\`, which the rewrite cannot add fields to; convert it by hand`;
  }
  const hasError = !!call.mergedError || call.values.some((v) => stringifiedValues(v).some(isError));
  if (!hasError) return undefined;
  if (library === 'winston') {
    return `\`${label}.${call.method}\` logs an Error, which winston would write as \`{}\` under a field; convert it by hand (e.g. with format.errors())`;
  }
  if (library === 'bunyan' && !hasSerializers(call.logger.creation)) {
    return `\`${label}.${call.method}\` logs an Error, which bunyan writes as \`{}\` under a field unless the logger has \`serializers: bunyan.stdSerializers\`; convert it by hand`;
  }
  return undefined;
}

function hasSerializers(creation: ts.CallExpression | undefined): boolean {
  const options = creation?.arguments[0] && unwrapExpression(creation.arguments[0]);
  return !!options && ts.isObjectLiteralExpression(options) && options.properties.some((p) => p.name?.getText() === 'serializers');
}

function metaKindOf(checker: ts.TypeChecker, e: ts.Expression): MetaKind {
  if (isErrorValue(checker, e)) return 'error';
  const type = checker.getTypeAtLocation(e);
  const parts = type.isUnion() ? type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null))) : [type];
  // Interfaces, type literals, records: not arrays, functions, promises or class instances (a Date spreads to nothing).
  const isFieldsObject = (t: ts.Type) =>
    (t.flags & ts.TypeFlags.Object) !== 0 &&
    t.getCallSignatures().length === 0 &&
    !checker.isArrayType(t) &&
    !checker.isTupleType(t) &&
    !t.getProperty('then') &&
    !((t.getSymbol()?.flags ?? 0) & ts.SymbolFlags.Class);
  return parts.length > 0 && parts.every(isFieldsObject) ? 'object' : undefined;
}

/** Only `key: value` and shorthand entries: new fields can join without changing what it logs. */
function isPlainFields(object: ts.ObjectLiteralExpression): boolean {
  // `{ ...meta, path }` (how a merged meta reference is written back) is fields too: a second run reads it as structured.
  return object.properties.every(
    (p) =>
      ts.isShorthandPropertyAssignment(p) ||
      (ts.isSpreadAssignment(p) && isPlainReference(unwrapExpression(p.expression))) ||
      (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name))),
  );
}

/** A string literal, a template, or a `+` chain with a string in it. */
export function isStringExpression(expr: ts.Expression | undefined): boolean {
  if (!expr) return false;
  const e = unwrapExpression(expr);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e)) return true;
  return ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken && (isStringExpression(e.left) || isStringExpression(e.right));
}

/** Format specifiers (`%s`, `%d`, …) in the literal text of a message. */
function specifierCount(expr: ts.Expression): number {
  const e = unwrapExpression(expr);
  const count = (text: string) => (text.match(/%[sdifjoOc]/g) ?? []).length;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return count(e.text);
  if (ts.isTemplateExpression(e)) return count(e.head.text) + e.templateSpans.reduce((n, s) => n + count(s.literal.text), 0);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return specifierCount(e.left) + specifierCount(e.right);
  return 0;
}

/** A value and, when it is stringified (`String(x)`, `JSON.stringify(x)`, `x.toString()`), what it stringifies. */
function stringifiedValues(expr: ts.Expression): ts.Expression[] {
  const out = [expr];
  let e = unwrapExpression(expr);
  for (;;) {
    if (ts.isCallExpression(e)) {
      const callee = unwrapExpression(e.expression);
      const name = callee.getText();
      if ((name === 'String' || name === 'JSON.stringify') && e.arguments[0]) e = unwrapExpression(e.arguments[0]);
      else if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'toString' && e.arguments.length === 0) e = unwrapExpression(callee.expression);
      else break;
      out.push(e);
      continue;
    }
    break;
  }
  return out;
}

/** An Error by type, a `new …Error()`, or a catch-clause binding (typed unknown/any). */
const ERROR_LIKE_NAME = /^(e|ex|exc|err|error|errors|cause|reason|failure|exception)$|(Error|Err|Exception|Failure)$/;

function lastName(e: ts.Expression): string {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isCallExpression(e)) return lastName(e.expression);
  if (ts.isAwaitExpression(e)) return lastName(e.expression);
  return '';
}

export function isErrorValue(checker: ts.TypeChecker, expr: ts.Expression): boolean {
  const e = unwrapExpression(expr);
  if (ts.isIdentifier(e)) {
    const declaration = checker.getSymbolAtLocation(e)?.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && ts.isCatchClause(declaration.parent)) return true;
  }
  if (ts.isNewExpression(e) && /Error$/.test(e.expression.getText())) return true;
  // Asking the checker for the type of every logged value is costly; errors are almost always
  // named like one (`err`, `error`, `e`, `cause`, `fooError`, `reason`), so only those are asked.
  if (!ERROR_LIKE_NAME.test(lastName(e))) return false;
  const type = checker.getTypeAtLocation(e);
  const parts = type.isUnion() ? type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null))) : [type];
  return parts.length > 0 && parts.every((t) => !!t.getProperty('message') && !!t.getProperty('stack') && !!t.getProperty('name'));
}
