// Recognises where a trace id is born: an incoming trace header, a fresh id generator, a
// job/message payload's trace field, or a function that only ever returns one of those.
import { ts } from '../syntax/typescript.js';
import { calleeName, isLiteralValue, isStringLike, returnedExpressions, unwrapExpression, walk } from '../syntax/function-likes.js';
import { isConstDeclaration } from '../syntax/declarations.js';
import { decoratorFactories, injectedAlternatives } from './injected-params.js';
import { AMBIGUOUS_TRACE_FIELDS, REQUEST_OBJECT_NAME, TRACE_CARRIER_NAME, TRACE_HEADER_NAMES, UNAMBIGUOUS_TRACE_FIELDS } from './trace-names.js';

const ID_GENERATORS = new Set(['randomUUID', 'uuid', 'uuidv4', 'uuidv7', 'nanoid', 'ulid', 'createId', 'cuid', 'shortid', 'hyperid', 'ksuid', 'randomBytes']);
/** `Math.random()` and `Date.now()`: the raw material of hand-made ids (`Math.random().toString(36).slice(2)`). */
const ID_SOURCES: ReadonlyMap<string, string> = new Map([
  ['random', 'Math'],
  ['now', 'Date'],
]);
/** Short-id packages whose default or `generate` export makes an id (`shortid.generate()`). */
const SHORT_ID_PACKAGES = new Set(['shortid', 'nanoid', 'cuid', '@paralleldrive/cuid2', 'ulid', 'hyperid', 'short-uuid', 'uid']);
/** Generators that are only ids when imported from the uuid package (`import { v4 } from 'uuid'`). */
const UUID_PACKAGE_EXPORTS = new Set(['v1', 'v4', 'v6', 'v7']);
/** Taking an item off a hand-made queue, and putting one on. */
const QUEUE_TAKERS = new Set(['shift', 'pop']);
const QUEUE_PUTTERS = new Set(['push', 'unshift']);
const HEADER_GETTERS = new Set(['get', 'header', 'getHeader', 'headers']);
/** String methods that reshape an id without making it something else. */
const STRING_SHAPERS = new Set(['slice', 'substring', 'substr', 'toLowerCase', 'toUpperCase', 'trim', 'replace', 'replaceAll', 'padStart', 'padEnd', 'toString']);

export class OriginRecognizer {
  /** Memo for origin functions and origin locals (false while being computed: recursion guard). */
  private readonly originFunctions = new Map<ts.Node, boolean>();
  /** Trace fields of the objects pushed onto each array or queue (computed on first use). */
  private pushedTraceFields: Map<ts.Symbol, Set<string>> | undefined;

  /** `files`: where to look for items pushed onto hand-made queues. */
  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly files: readonly ts.SourceFile[] = [],
  ) {}

  /**
   * A hand-made queue's item: `const item = queue.shift()` where the objects pushed onto `queue`
   * carry a trace field. Returns that field (`reqId`), or undefined.
   */
  queueItemTraceField(declaration: ts.VariableDeclaration): string | undefined {
    const fields = this.queueItemTraceFields(declaration);
    return fields && [...fields][0];
  }

  private queueItemTraceFields(declaration: ts.VariableDeclaration): Set<string> | undefined {
    if (!isConstDeclaration(declaration) || !declaration.initializer) return undefined;
    const init = unwrapExpression(declaration.initializer);
    if (!ts.isCallExpression(init) || init.arguments.length > 0) return undefined;
    const callee = unwrapExpression(init.expression);
    if (!ts.isPropertyAccessExpression(callee) || !QUEUE_TAKERS.has(callee.name.text)) return undefined;
    const symbol = this.queueSymbol(callee.expression);
    return symbol && this.traceFieldsPushedOnto(symbol);
  }

  private traceFieldsPushedOnto(queue: ts.Symbol): Set<string> | undefined {
    if (!this.pushedTraceFields) {
      const found = new Map<ts.Symbol, Set<string>>();
      for (const file of this.files) {
        walk(file, (node) => {
          if (!ts.isCallExpression(node)) return true;
          const callee = unwrapExpression(node.expression);
          if (!ts.isPropertyAccessExpression(callee) || !QUEUE_PUTTERS.has(callee.name.text)) return true;
          const fields = node.arguments.flatMap((arg) => {
            const item = unwrapExpression(arg);
            return ts.isObjectLiteralExpression(item) ? item.properties.map((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : '')) : [];
          });
          const traceFields = fields.filter((f) => UNAMBIGUOUS_TRACE_FIELDS.has(f) || AMBIGUOUS_TRACE_FIELDS.has(f));
          const symbol = traceFields.length > 0 ? this.queueSymbol(callee.expression) : undefined;
          if (symbol) {
            const pushed = found.get(symbol) ?? new Set<string>();
            for (const field of traceFields) pushed.add(field);
            found.set(symbol, pushed);
          }
          return true;
        });
      }
      this.pushedTraceFields = found;
    }
    return this.pushedTraceFields.get(queue);
  }

  private queueSymbol(expr: ts.Expression): ts.Symbol | undefined {
    const e = unwrapExpression(expr);
    return this.checker.getSymbolAtLocation(ts.isPropertyAccessExpression(e) ? e.name : e);
  }

  /** True when `expr` produces a trace id from an origin (possibly with literal fallbacks). */
  isOrigin(expr: ts.Expression): boolean {
    const e = unwrapExpression(expr);
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
        return this.originOrLiteral(e.left, e.right);
      }
      // `Date.now().toString(36) + Math.random().toString(36).slice(2)`, `'req-' + randomUUID()`.
      if (op === ts.SyntaxKind.PlusToken) return this.originOrLiteral(e.left, e.right);
      return false;
    }
    if (ts.isConditionalExpression(e)) return this.originOrLiteral(e.whenTrue, e.whenFalse);
    // `req_${randomUUID()}`: literal text around origins.
    if (ts.isTemplateExpression(e)) {
      return e.templateSpans.some((span) => this.isOrigin(span.expression)) && e.templateSpans.every((span) => this.isOrigin(span.expression) || isLiteralValue(span.expression));
    }
    if (ts.isCallExpression(e)) {
      // `String(header)`, `randomUUID().slice(0, 8)`, `header.trim()` keep the value an origin.
      if (ts.isIdentifier(e.expression) && e.expression.text === 'String' && e.arguments.length === 1) return this.isOrigin(e.arguments[0]!);
      const callee = unwrapExpression(e.expression);
      if (ts.isPropertyAccessExpression(callee) && STRING_SHAPERS.has(callee.name.text) && this.isOrigin(callee.expression)) return true;
      return this.isGeneratorCall(e) || this.isHeaderGetterCall(e) || this.isOriginFunctionCall(e) || isNamedIdExtraction(e);
    }
    if (ts.isElementAccessExpression(e)) return this.isHeaderRead(e.expression, this.constantKey(e.argumentExpression));
    if (ts.isPropertyAccessExpression(e)) return this.isTraceField(e);
    if (ts.isIdentifier(e)) return this.isOriginLocal(e) || this.isInjectedTraceParam(e);
    return false;
  }

  /** A parameter a framework injects with the request's id: `@Headers('x-request-id') requestId`. */
  private isInjectedTraceParam(identifier: ts.Identifier): boolean {
    const param = this.checker.getSymbolAtLocation(identifier)?.valueDeclaration;
    if (!param || !ts.isParameter(param)) return false;
    const decorators = ts.canHaveDecorators(param) ? ts.getDecorators(param) ?? [] : [];
    const named = decorators.some((decorator) => {
      const text = decorator.expression.getText();
      const header = /['"`]([\w-]+)['"`]/.exec(text)?.[1];
      return (header !== undefined && TRACE_HEADER_NAMES.has(header.toLowerCase())) || /(RequestId|TraceId|CorrelationId|ReqId)\b/.test(text);
    });
    // A custom decorator of the project (`createParamDecorator(…)`) whose factory returns an origin.
    return named || decoratorFactories(this.checker, param).some((factory) => {
      const values = injectedAlternatives(factory);
      return values.some((v) => this.isOrigin(v)) && values.every((v) => this.isOrigin(v) || isLiteralValue(v));
    });
  }

  /**
   * A local initialised from an origin (`const header = req.headers['x-request-id']`), or a `let`
   * whose every assignment is one (`let id = req.headers[H]; if (!id) id = uuidv4();`): whatever
   * it holds where it is read came from an origin.
   */
  isOriginLocal(identifier: ts.Identifier): boolean {
    const symbol = this.checker.getSymbolAtLocation(identifier);
    const declaration = symbol?.valueDeclaration;
    if (!symbol || !declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
    const list = declaration.parent;
    if (!ts.isVariableDeclarationList(list) || (list.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let)) === 0) return false;
    const cached = this.originFunctions.get(declaration);
    if (cached !== undefined) return cached;
    this.originFunctions.set(declaration, false); // recursion guard
    const assigned = list.flags & ts.NodeFlags.Let ? this.assignedValues(symbol, list) : [];
    const result = assigned !== undefined && [declaration.initializer, ...assigned].every((value) => this.isOrigin(value));
    this.originFunctions.set(declaration, result);
    return result;
  }

  /** The values assigned to a `let` after its declaration (undefined when it also changes otherwise: `+=`, `++`). */
  private assignedValues(symbol: ts.Symbol, list: ts.VariableDeclarationList): ts.Expression[] | undefined {
    let scope: ts.Node | undefined = list.parent;
    while (scope && !ts.isBlock(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
    if (!scope) return undefined;
    const values: ts.Expression[] = [];
    let other = false;
    walk(scope, (node) => {
      if (other) return false;
      const counts = (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken);
      const target = ts.isBinaryExpression(node) ? node.left : counts ? (node as ts.PrefixUnaryExpression).operand : undefined;
      if (!target || !ts.isIdentifier(unwrapExpression(target)) || this.checker.getSymbolAtLocation(unwrapExpression(target)) !== symbol) return true;
      if (!ts.isBinaryExpression(node)) return (other = true), false;
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken) values.push(node.right);
      else if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) other = true;
      return true;
    });
    return other ? undefined : values;
  }

  private originOrLiteral(a: ts.Expression, b: ts.Expression): boolean {
    const aOrigin = this.isOrigin(a);
    const bOrigin = this.isOrigin(b);
    return (aOrigin && (bOrigin || isLiteralValue(b))) || (bOrigin && isLiteralValue(a));
  }

  private isGeneratorCall(call: ts.CallExpression): boolean {
    const name = calleeName(call.expression);
    if (!name) return false;
    if (ID_GENERATORS.has(name)) return true;
    const callee = unwrapExpression(call.expression);
    if (ts.isPropertyAccessExpression(callee) && ID_SOURCES.get(name) === callee.expression.getText()) return true;
    // `shortid()`, `shortid.generate()`, `short.generate()` (short-uuid): whatever a short-id package exports makes ids.
    if ([...SHORT_ID_PACKAGES].some((pkg) => this.importedFrom(call.expression, pkg))) return true;
    return UUID_PACKAGE_EXPORTS.has(name) && this.importedFrom(call.expression, 'uuid');
  }

  /** `req.get('x-request-id')`, `req.header(...)`, `headers.get(...)`. */
  private isHeaderGetterCall(call: ts.CallExpression): boolean {
    const callee = unwrapExpression(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !HEADER_GETTERS.has(callee.name.text)) return false;
    const key = call.arguments[0] && this.constantKey(call.arguments[0]);
    return key !== undefined && TRACE_HEADER_NAMES.has(key.toLowerCase());
  }

  /** `<x>.headers['x-request-id']`, `<x>.headers[REQUEST_ID_HEADER]` with a constant key. */
  private isHeaderRead(object: ts.Expression, key: string | undefined): boolean {
    if (key === undefined || !TRACE_HEADER_NAMES.has(key.toLowerCase())) return false;
    const target = unwrapExpression(object);
    const name = ts.isPropertyAccessExpression(target) ? target.name.text : ts.isIdentifier(target) ? target.text : '';
    return /headers$/i.test(name);
  }

  /** `job.traceId`, `msg.correlationId`, `payload.requestId` (not `leave.requestId`), `headers.traceparent`. */
  private isTraceField(access: ts.PropertyAccessExpression): boolean {
    return this.isTraceFieldOf(access.name.text, access.expression);
  }

  /** Whether `object.field` is a trace id carried by `object` (also for `const { field } = object`). */
  isTraceFieldOf(field: string, object: ts.Expression): boolean {
    if (this.isHeaderRead(object, field)) return true;
    if (object.kind === ts.SyntaxKind.ThisKeyword) return false;
    const item = unwrapExpression(object);
    const itemDeclaration = ts.isIdentifier(item) ? this.checker.getSymbolAtLocation(item)?.valueDeclaration : undefined;
    if (itemDeclaration && ts.isVariableDeclaration(itemDeclaration) && this.queueItemTraceFields(itemDeclaration)?.has(field)) return true;
    if (UNAMBIGUOUS_TRACE_FIELDS.has(field)) return true;
    const receiver = unwrapExpression(object);
    const receiverName = ts.isPropertyAccessExpression(receiver) ? receiver.name.text : ts.isIdentifier(receiver) ? receiver.text : '';
    if (field === 'id') return REQUEST_OBJECT_NAME.test(receiverName);
    if (!AMBIGUOUS_TRACE_FIELDS.has(field)) return false;
    return TRACE_CARRIER_NAME.test(receiverName);
  }

  /** A call to a project function whose every return value is an origin (`requestIdFrom(req)`). */
  private isOriginFunctionCall(call: ts.CallExpression): boolean {
    const symbol = this.resolvedSymbol(call.expression);
    const declaration = symbol?.declarations?.find(
      (d): d is ts.FunctionDeclaration | ts.VariableDeclaration => ts.isFunctionDeclaration(d) || ts.isVariableDeclaration(d),
    );
    if (!declaration || declaration.getSourceFile().isDeclarationFile) return false;
    const fn = ts.isVariableDeclaration(declaration) ? declaration.initializer && unwrapExpression(declaration.initializer) : declaration;
    if (!fn || !(ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !fn.body) return false;
    const cached = this.originFunctions.get(fn);
    if (cached !== undefined) return cached;
    this.originFunctions.set(fn, false); // recursion guard
    const returned = returnedExpressions(fn);
    const result = returned.length > 0 && returned.every((r) => this.isOrigin(r));
    this.originFunctions.set(fn, result);
    return result;
  }

  private constantKey(expr: ts.Expression): string | undefined {
    const e = unwrapExpression(expr);
    if (isStringLike(e)) return e.text;
    const type = this.checker.getTypeAtLocation(e);
    return type.isStringLiteral() ? type.value : undefined;
  }

  private resolvedSymbol(expr: ts.Expression): ts.Symbol | undefined {
    const e = unwrapExpression(expr);
    const node = ts.isPropertyAccessExpression(e) ? e.name : e;
    let symbol = this.checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    return symbol;
  }

  private importedFrom(expr: ts.Expression, moduleName: string): boolean {
    const e = unwrapExpression(expr);
    const node = ts.isPropertyAccessExpression(e) ? e.expression : e;
    const symbol = this.checker.getSymbolAtLocation(node);
    for (const declaration of symbol?.declarations ?? []) {
      let current: ts.Node | undefined = declaration;
      while (current && !ts.isImportDeclaration(current)) current = current.parent;
      if (current && ts.isImportDeclaration(current) && isStringLike(current.moduleSpecifier)) {
        return current.moduleSpecifier.text === moduleName;
      }
      if (ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isCallExpression(declaration.initializer)) {
        const arg = declaration.initializer.arguments[0];
        return calleeName(declaration.initializer.expression) === 'require' && !!arg && isStringLike(arg) && arg.text === moduleName;
      }
    }
    return false;
  }
}

/**
 * `traceIdFrom(req.headers)`, `getRequestId(req)`, `extractCorrelationId(ctx)`: a function named for
 * the id, given the request (or a job, a message): its body may parse a `traceparent` in ways the
 * analysis does not follow, but its name and argument say what it returns.
 */
function isNamedIdExtraction(call: ts.CallExpression): boolean {
  const name = calleeName(call.expression);
  if (!name || !/(trace|request|correlation|req)_?id/i.test(name)) return false;
  return call.arguments.some((arg) => /\b(req|request|headers|ctx|context|event|job|message|msg)\b/.test(arg.getText()));
}
