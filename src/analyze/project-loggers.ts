// Which calls log through the project's own loggers, which library each logger is, and where it
// is created. Heuristics, in order (the first that answers wins):
// 1. The method's declaration: a method typed by pino's `LogFn`, winston's `LeveledLogMethod`
//    or bunyan's typings is that library's (so `req.log.info` of Fastify is pino), and a call to the
//    emitted runtime's `log` is the facade.
// 2. Where the receiver comes from: a variable, `this.x` field or import initialised with `pino(…)`,
//    `winston.createLogger(…)`, `bunyan.createLogger(…)` (imported or required), `<logger>.child(…)`,
//    or a project function that returns one of those (`createLogger()` of its own).
// 3. Its name: a receiver called like one of `loggerNames` (`logger`, `log` by default; `this.logger`,
//    `ctx.log` too) is a logger of the project's own. How it takes fields comes from its method's
//    signature — `(msg: string, fields: object)` or `(fields: object, msg: string)`, by types, else by
//    parameter names (`msg`/`message` and `fields`/`meta`/`context`/`data`/…); undefined when unreadable.
import { ts } from '../syntax/typescript.js';
import { DEFAULT_LOGGER_NAMES } from '../config/config.js';
import { RUNTIME_MODULE_MARKER } from '../runtime/runtime-options.js';
import { returnedExpressions, unwrapExpression, walk } from '../syntax/function-likes.js';
import { fieldsArgumentProblem } from './logger-write-path.js';

export type LoggerLibrary = 'pino' | 'winston' | 'bunyan';
/** pino/bunyan: `logger.info({ fields }, 'msg')`; winston and the facade: `logger.info('msg', { fields })`. */
export type LoggerForm = 'object-first' | 'message-first';

export interface ProjectLogger {
  /** `own`: a logger of the project's own; `facade`: the emitted runtime's `log`. */
  library: LoggerLibrary | 'own' | 'facade';
  /** How it takes fields; undefined for an own logger whose signature the analysis cannot read. */
  form: LoggerForm | undefined;
  /** Where it is created, when the analysis can see it (the root of a `.child()` chain). */
  creation?: ts.CallExpression;
  /** How the code names it (`logger`, `this.logger`), for messages. */
  label: string;
  /** One key per logger, so its findings are not repeated at every call. */
  key: string;
  /**
   * Own loggers whose methods read `(message: string, ...args)` or `(...args)`: the usual wrapper
   * around console, which prints what follows the message — they take `(message, fields)`.
   */
  consoleLike?: boolean;
  /** Own loggers whose methods take strings only: no argument can carry fields. */
  stringsOnly?: boolean;
  /**
   * Own loggers typed as a Console (`Pick<Console, 'log' | 'error'>`, handed in, `console` by
   * default): whatever implements them prints a fields argument its own way, so calls stay.
   */
  consoleTyped?: boolean;
  /** Own loggers: the method that implements the call, when the analysed code declares it. */
  implementation?: ts.SignatureDeclaration;
  /**
   * Own loggers whose method reads `(message, level)` (ldar's `log(message, level)` over log4js):
   * the second argument is the level, so fields cannot go there; `defaultLevel` is the level the
   * wrapper falls back to when none is passed (`level = level || 'info'`), when it says so.
   */
  levelSecond?: { defaultLevel?: string; problem?: string };
  /**
   * Own `(message, options)` loggers whose options are a closed type (`{ tag?, data? }`): new
   * fields go under its free-form `property` (`data`), or, with none, nowhere (`problem`, said once).
   */
  closedOptions?: { property?: string; problem?: string };
  /**
   * A log *function* of the project (`function log(reqId, ...args) { console.log(`[${reqId}]`, ...args) }`):
   * how many parameters come before the values it prints; those arguments are not part of the line.
   */
  leadingParameters?: number;
  /** Own message-first loggers: how many parameters follow the fields one (`error(msg, meta, err?)`): those arguments stay as written. */
  parametersAfterFields?: number;
  /** Keys the logger writes into every record itself, which a call's field of the same name would overwrite or lose. */
  recordKeys?: readonly string[];
}

export interface LoggerCreation {
  call: ts.CallExpression;
  library: LoggerLibrary;
}

const LIBRARY_METHODS: Record<LoggerLibrary, ReadonlySet<string>> = {
  pino: new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']),
  bunyan: new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']),
  winston: new Set(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly', 'log', 'notice', 'warning', 'crit', 'alert', 'emerg']),
};
const OWN_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'verbose', 'notice', 'critical', 'log']);
/** Any method a logger call may use: checked first, so other calls cost nothing. */
const ANY_LOG_METHOD = new Set([...OWN_METHODS, ...Object.values(LIBRARY_METHODS).flatMap((methods) => [...methods])]);
const MESSAGE_NAMES = /^(msg|message|text|format|fmt)$/i;
const LEVEL_NAMES = /^(level|lvl|severity|logLevel|loglevel)$/i;
const LEVEL_VALUES = new Set(['trace', 'debug', 'info', 'log', 'warn', 'warning', 'error', 'fatal', 'verbose', 'notice', 'critical', 'silly', 'http']);
const FIELDS_NAMES = /^(fields|meta|metadata|context|ctx|data|extra|props|properties|attrs|attributes|details|obj|object|bindings|payload)$/i;
/**
 * Record keys of each library: bunyan's core fields (`name` is the logger's), pino's base, and
 * winston's `message` (a field of that name is appended to the message).
 */
const LIBRARY_RECORD_KEYS: Record<LoggerLibrary, readonly string[]> = {
  bunyan: ['name', 'hostname', 'pid', 'v', 'src'],
  pino: ['pid', 'hostname'],
  winston: ['message'],
};
/**
 * The Cloud Functions logger (`firebase-functions/logger`, `functions.logger`): console-like, it
 * merges a trailing object into the Cloud Logging entry, then sets the entry's `severity` and `message`.
 */
const CLOUD_FUNCTIONS_LOGGER = /\/firebase-functions\/lib\/logger\/[^/]+\.d\.ts$/;
const CLOUD_LOGGING_KEYS = ['message', 'severity'];

const LIBRARY_BY_PATH: [RegExp, LoggerLibrary][] = [
  [/\/node_modules\/pino\//, 'pino'],
  [/\/node_modules\/(winston|logform|winston-transport)\//, 'winston'],
  [/\/node_modules\/(@types\/)?bunyan\//, 'bunyan'],
];

/** Whether a file's text names a logger library, or may spell one with an escape. */
function namesLoggerLibrary(text: string): boolean {
  return text.includes('\\u') || text.includes('\\x') || LIBRARY_NAMES.some((name) => text.includes(name));
}

function isModuleFile(file: ts.SourceFile): boolean {
  return ts.isExternalModule(file) || (file as { commonJsModuleIndicator?: ts.Node }).commonJsModuleIndicator !== undefined;
}

const LIBRARY_NAMES: readonly LoggerLibrary[] = ['pino', 'winston', 'bunyan'];

export class ProjectLoggers {
  private readonly names: ReadonlySet<string>;
  private readonly originCache = new Map<ts.Node, Origin | null>();
  /** Asked for every call twice (param uses, then log calls): resolved once. */
  private readonly callCache = new Map<ts.CallExpression, { logger: ProjectLogger; method: string } | null>();

  /** `global.logger = require('./lib/logger')`: globals the program sets, by name (read lazily). */
  private globals: Map<string, ts.Expression> | undefined;
  /** Some script (not a module) of the program names a logger library (see mayCreateLoggers). */
  private scriptNamesLibrary: boolean | undefined;

  constructor(
    private readonly checker: ts.TypeChecker,
    loggerNames: readonly string[] = DEFAULT_LOGGER_NAMES,
    private readonly files: readonly ts.SourceFile[] = [],
  ) {
    this.names = new Set(loggerNames);
  }

  /** The logger a call logs through (`logger.info(…)`), or undefined for any other call. */
  loggerOf(call: ts.CallExpression): { logger: ProjectLogger; method: string } | undefined {
    let known = this.callCache.get(call);
    if (known === undefined) {
      known = this.resolveLogger(call) ?? null;
      this.callCache.set(call, known);
    }
    return known ?? undefined;
  }

  private resolveLogger(call: ts.CallExpression): { logger: ProjectLogger; method: string } | undefined {
    const callee = unwrapExpression(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.name)) return undefined;
    const method = callee.name.text;
    if (!ANY_LOG_METHOD.has(method)) return undefined;
    const receiver = unwrapExpression(callee.expression);
    if (ts.isIdentifier(receiver) && receiver.text === 'console') return undefined;
    const label = receiver.getText().replace(/\s+/g, '');

    const declared = this.libraryOfSignature(call);
    if (declared === 'facade') return { logger: { library: 'facade', form: 'message-first', label, key: 'facade' }, method };
    const origin = this.originOf(receiver, 0);
    const library = declared ?? origin?.library;
    if (library) {
      if (!LIBRARY_METHODS[library].has(method)) return undefined;
      const creation = origin?.library === library ? origin.creation : undefined;
      const form: LoggerForm = library === 'winston' ? 'message-first' : 'object-first';
      return { logger: { library, form, creation, label, key: creation ? keyOf(creation) : `${library}:${label}`, recordKeys: LIBRARY_RECORD_KEYS[library] }, method };
    }
    if (!OWN_METHODS.has(method) || !this.isNamedLikeALogger(receiver)) return undefined;
    const implementation = this.ownImplementation(call, receiver, method);
    // One logger per implementation (a class, a factory's object), however many variables hold it.
    const owner = implementation ? implementationOwner(implementation) : this.declarationOf(receiver);
    const key = owner ? keyOf(owner) : `own:${label}`;
    const recordKeys = CLOUD_FUNCTIONS_LOGGER.test(this.signatureFile(call) ?? '') ? CLOUD_LOGGING_KEYS : undefined;
    const consoleTyped = !implementation && this.isConsoleMethod(call);
    return { logger: { library: 'own', label, key, implementation, ...this.ownForm(call, implementation, label), ...(recordKeys && { recordKeys }), ...(consoleTyped ? { consoleTyped } : {}) }, method };
  }

  /** Whether the called method is declared by the Console interface (Node's or the DOM's typings), not by the project. */
  private isConsoleMethod(call: ts.CallExpression): boolean {
    const signatures = this.checker.getTypeAtLocation(call.expression).getCallSignatures();
    return signatures.length > 0 && signatures.every((signature) => {
      const declaration = signature.getDeclaration() as ts.Node | undefined;
      const owner = declaration?.parent;
      return !!owner && declaration!.getSourceFile().isDeclarationFile && ts.isInterfaceDeclaration(owner) && owner.name.text === 'Console';
    });
  }

  /**
   * The method body an own logger's call runs: the callee's declaration when it has a body (a class
   * method, an object-literal method), else the same-named member of the object its factory returns.
   */
  private ownImplementation(call: ts.CallExpression, receiver: ts.Expression, method: string): ts.SignatureDeclaration | undefined {
    const declaration = this.checker.getTypeAtLocation(call.expression).getCallSignatures()[0]?.getDeclaration();
    const withBody = declaration && implementationOf(declaration);
    if (withBody) return withBody;
    const global = this.globalValueOf(receiver);
    if (global) {
      // `global.logger = require('./lib/logger')`, used without an import: the module's member.
      const member = this.checker.getTypeAtLocation(global).getProperty(method);
      const declaration = member && this.checker.getTypeOfSymbolAtLocation(member, global).getCallSignatures()[0]?.getDeclaration();
      const found = declaration && implementationOf(declaration);
      if (found) return found;
    }
    for (const initializer of ts.isIdentifier(receiver) || ts.isPropertyAccessExpression(receiver) ? this.initializersOf(receiver) : [receiver]) {
      const created = unwrapExpression(initializer);
      if (!ts.isCallExpression(created)) continue;
      const fn = this.functionOf(unwrapExpression(created.expression));
      if (!fn?.body) continue;
      for (const returned of returnedExpressions(fn)) {
        const object = unwrapExpression(returned);
        if (!ts.isObjectLiteralExpression(object)) continue;
        const member = object.properties.find((p) => p.name?.getText() === method);
        const found = member && implementationOf(member);
        if (found) return found;
      }
    }
    return undefined;
  }

  /**
   * A call of a project function named like a logger (`log(reqId, `…`)`) whose last parameter is a
   * rest of any values it hands to console (`console.log(prefix, ...args)`): a console-like logger,
   * the arguments before the rest kept as they are. Not a logger for the id analysis: passing the id
   * to it stays a pass, so the trace-params rule still decides that parameter.
   */
  functionLoggerOf(call: ts.CallExpression): { logger: ProjectLogger; method: string } | undefined {
    const callee = unwrapExpression(call.expression);
    if (!ts.isIdentifier(callee) || !this.names.has(callee.text)) return undefined;
    const fn = this.functionOf(callee);
    const body = fn?.body;
    const rest = fn?.parameters[fn.parameters.length - 1];
    if (!fn || !body || !rest?.dotDotDotToken || !ts.isIdentifier(rest.name)) return undefined;
    const restName = rest.name.text;
    const element = this.checker.getTypeAtLocation(rest).getNumberIndexType();
    if (element && typeKind(element, this.checker) !== undefined) return undefined; // strings only or fields only: not console's any values
    let printsRest = false;
    walk(body, (node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.expression.getText() === 'console') {
        if (node.arguments.some((a) => ts.isSpreadElement(a) && ts.isIdentifier(a.expression) && a.expression.text === restName)) printsRest = true;
      }
      return !printsRest;
    });
    if (!printsRest) return undefined;
    const logger: ProjectLogger = {
      library: 'own',
      form: 'message-first',
      consoleLike: true,
      label: callee.text,
      key: keyOf(fn),
      implementation: fn,
      leadingParameters: fn.parameters.length - 1,
    };
    return { logger, method: callee.text };
  }

  /**
   * False when no call in the file can be a factory call (a syntax test that spares a symbol lookup
   * per call). libraryOfFactoryCall knows a factory only through an import or require of the library
   * where the callee is declared: in a module, that is the module itself, unless the name is a global
   * that a script of the program declares.
   */
  private mayCreateLoggers(file: ts.SourceFile): boolean {
    this.scriptNamesLibrary ??= this.files.some((f) => !isModuleFile(f) && namesLoggerLibrary(f.text));
    return this.scriptNamesLibrary || !isModuleFile(file) || namesLoggerLibrary(file.text);
  }

  /** Every pino/winston/bunyan logger created in a file (`.child()` loggers inherit, so they are not creations). */
  creationsIn(file: ts.SourceFile): LoggerCreation[] {
    const out: LoggerCreation[] = [];
    if (!this.mayCreateLoggers(file)) return out;
    walk(file, (node) => {
      if (ts.isCallExpression(node)) {
        const library = this.libraryOfFactoryCall(node);
        if (library) out.push({ call: node, library });
      }
    });
    return out;
  }

  private libraryOfSignature(call: ts.CallExpression): LoggerLibrary | 'facade' | undefined {
    const file = this.signatureDeclaration(call)?.getSourceFile();
    if (!file) return undefined;
    if (file.text.startsWith(RUNTIME_MODULE_MARKER)) return 'facade';
    const path = this.signatureFile(call)!;
    return LIBRARY_BY_PATH.find(([pattern]) => pattern.test(path))?.[1];
  }

  /** The callee's type, not the resolved overload: no argument has to be checked for this. */
  private signatureDeclaration(call: ts.CallExpression): ts.Declaration | undefined {
    return this.checker.getTypeAtLocation(call.expression).getCallSignatures()[0]?.getDeclaration();
  }

  /** Where the callee's signature is declared, with forward slashes. */
  private signatureFile(call: ts.CallExpression): string | undefined {
    return this.signatureDeclaration(call)?.getSourceFile().fileName.replace(/\\/g, '/');
  }

  /** Where a logger value comes from: a factory call of a known library, through variables, fields, imports, `.child()` and project functions. */
  private originOf(expr: ts.Expression, depth: number): Origin | undefined {
    const e = unwrapExpression(expr);
    if (depth > 6) return undefined;
    const cached = this.originCache.get(e);
    if (cached !== undefined) return cached ?? undefined;
    this.originCache.set(e, null); // cycles end here
    const origin = this.computeOrigin(e, depth);
    this.originCache.set(e, origin ?? null);
    return origin;
  }

  private computeOrigin(e: ts.Expression, depth: number): Origin | undefined {
    if (ts.isCallExpression(e)) {
      const library = this.libraryOfFactoryCall(e);
      if (library) return { library, creation: e };
      const callee = unwrapExpression(e.expression);
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'child') return this.originOf(callee.expression, depth + 1);
      // A project function that returns a logger (`createLogger()` of its own).
      const fn = this.functionOf(callee);
      if (fn && fn.body) {
        for (const returned of returnedExpressions(fn)) {
          const origin = this.originOf(returned, depth + 1);
          if (origin) return origin;
        }
      }
      return undefined;
    }
    if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
      for (const initializer of this.initializersOf(e)) {
        const origin = this.originOf(initializer, depth + 1);
        if (origin) return origin;
      }
    }
    return undefined;
  }

  /** `pino(…)`, `winston.createLogger(…)`, `bunyan.createLogger(…)` (and named or required forms). */
  private libraryOfFactoryCall(call: ts.CallExpression): LoggerLibrary | undefined {
    const callee = unwrapExpression(call.expression);
    if (ts.isIdentifier(callee)) {
      const imported = this.moduleBinding(callee);
      if (imported?.module === 'pino' && ['default', '*', 'pino'].includes(imported.name)) return 'pino';
      if ((imported?.module === 'winston' || imported?.module === 'bunyan') && imported.name === 'createLogger') return imported.module;
      return undefined;
    }
    if (ts.isCallExpression(callee) && isRequireOf(callee, 'pino')) return 'pino'; // require('pino')(…)
    if (ts.isPropertyAccessExpression(callee)) {
      const object = unwrapExpression(callee.expression);
      const module = ts.isIdentifier(object) ? this.moduleBinding(object) : undefined;
      const name = callee.name.text;
      if (module && ['default', '*'].includes(module.name)) {
        if (module.module === 'pino' && (name === 'pino' || name === 'default')) return 'pino';
        if ((module.module === 'winston' || module.module === 'bunyan') && name === 'createLogger') return module.module;
      }
      if (ts.isCallExpression(object) && name === 'createLogger') {
        if (isRequireOf(object, 'winston')) return 'winston';
        if (isRequireOf(object, 'bunyan')) return 'bunyan';
      }
    }
    return undefined;
  }

  /** What an identifier imports: `import pino from 'pino'` → pino/default, `const { createLogger } = require('winston')` → winston/createLogger. */
  private moduleBinding(identifier: ts.Identifier): { module: string; name: string } | undefined {
    const declaration = this.checker.getSymbolAtLocation(identifier)?.declarations?.[0];
    if (!declaration) return undefined;
    const fromImport = (specifier: ts.Expression) => (ts.isStringLiteral(specifier) ? specifier.text : undefined);
    if (ts.isImportClause(declaration)) {
      const module = fromImport(declaration.parent.moduleSpecifier);
      return module ? { module, name: 'default' } : undefined;
    }
    if (ts.isNamespaceImport(declaration)) {
      const module = fromImport(declaration.parent.parent.moduleSpecifier);
      return module ? { module, name: '*' } : undefined;
    }
    if (ts.isImportSpecifier(declaration)) {
      const module = fromImport(declaration.parent.parent.parent.moduleSpecifier);
      return module ? { module, name: (declaration.propertyName ?? declaration.name).text } : undefined;
    }
    if (ts.isImportEqualsDeclaration(declaration) && ts.isExternalModuleReference(declaration.moduleReference)) {
      const module = fromImport(declaration.moduleReference.expression);
      return module ? { module, name: '*' } : undefined;
    }
    if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const init = unwrapExpression(declaration.initializer);
      const module = requiredModule(init);
      if (module) return { module, name: '*' };
      if (ts.isPropertyAccessExpression(init) && ts.isCallExpression(init.expression)) {
        const inner = requiredModule(init.expression); // const pino = require('pino').pino
        if (inner) return { module: inner, name: init.name.text };
      }
    }
    if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent)) {
      const variable = declaration.parent.parent;
      const module = ts.isVariableDeclaration(variable) && variable.initializer ? requiredModule(unwrapExpression(variable.initializer)) : undefined;
      const property = declaration.propertyName ?? declaration.name;
      if (module && ts.isIdentifier(property)) return { module, name: property.text };
    }
    return undefined;
  }

  /** Values a variable, field or import is given: its initializer, or `this.x = …` assignments in a class. */
  private initializersOf(e: ts.Identifier | ts.PropertyAccessExpression): ts.Expression[] {
    const symbol = this.resolvedSymbol(e);
    const out: ts.Expression[] = [];
    for (const declaration of symbol?.declarations ?? []) {
      if ((ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration)) && declaration.initializer) out.push(declaration.initializer);
      else if (ts.isPropertyAccessExpression(declaration) && ts.isBinaryExpression(declaration.parent) && declaration.parent.left === declaration) {
        out.push(declaration.parent.right); // JS: this.logger = pino()
      } else if (ts.isPropertyDeclaration(declaration) && ts.isClassLike(declaration.parent)) {
        out.push(...constructorAssignments(declaration.parent, declaration.name.getText()));
      } else if (ts.isShorthandPropertyAssignment(declaration) || ts.isExportAssignment(declaration)) {
        out.push(ts.isShorthandPropertyAssignment(declaration) ? declaration.name : declaration.expression);
      }
    }
    return out;
  }

  private resolvedSymbol(e: ts.Node): ts.Symbol | undefined {
    const symbol = this.checker.getSymbolAtLocation(e);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) {
      try {
        return this.checker.getAliasedSymbol(symbol);
      } catch {
        return symbol;
      }
    }
    return symbol;
  }

  private functionOf(callee: ts.Expression): ts.SignatureDeclaration & { body?: ts.Node } | undefined {
    const declaration = this.resolvedSymbol(ts.isPropertyAccessExpression(callee) ? callee.name : callee)?.valueDeclaration;
    if (!declaration) return undefined;
    if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) return declaration;
    if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const init = unwrapExpression(declaration.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
    return undefined;
  }

  private declarationOf(receiver: ts.Expression): ts.Node | undefined {
    const node = ts.isPropertyAccessExpression(receiver) ? receiver.name : receiver;
    return this.resolvedSymbol(node)?.declarations?.[0] ?? this.globalValueOf(receiver);
  }

  /**
   * The value of a global the code uses without declaring it (`logger` after
   * `global.logger = require('./lib/logger')` or `globalThis.logger = …` somewhere in the program).
   */
  private globalValueOf(receiver: ts.Expression): ts.Expression | undefined {
    if (!ts.isIdentifier(receiver)) return undefined;
    const symbol = this.checker.getSymbolAtLocation(receiver);
    if (symbol?.declarations?.some((d) => !ts.isPropertyAccessExpression(d) && !ts.isBinaryExpression(d))) return undefined; // a declared name, not the global
    if (!this.globals) {
      this.globals = new Map();
      for (const file of this.files) {
        walk(file, (node) => {
          if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return true;
          const left = unwrapExpression(node.left);
          if (ts.isPropertyAccessExpression(left) && ts.isIdentifier(left.expression) && /^(global|globalThis)$/.test(left.expression.text)) {
            const name = left.name.text;
            // Assigned more than once (`global.x = null`, then the real value): the last non-null value wins.
            const value = unwrapExpression(node.right);
            if (value.kind !== ts.SyntaxKind.NullKeyword) this.globals!.set(name, node.right);
          }
          return true;
        });
      }
    }
    return this.globals.get(receiver.text);
  }

  private isNamedLikeALogger(receiver: ts.Expression): boolean {
    // `Logger.info(…)` on a class of static methods reads like `logger.info(…)`.
    if (ts.isIdentifier(receiver)) return this.names.has(receiver.text) || this.names.has(receiver.text.charAt(0).toLowerCase() + receiver.text.slice(1));
    if (ts.isPropertyAccessExpression(receiver)) return this.names.has(receiver.name.text);
    if (ts.isCallExpression(receiver)) {
      const callee = unwrapExpression(receiver.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      return /^(create|get|make)Logger$/.test(name);
    }
    return false;
  }

  /**
   * How an own logger's method takes fields, from its signatures (types first, then parameter
   * names): `(msg, fields)`, `(fields, msg)`, console-like `(msg, ...args)`/`(...args)`, or strings only.
   */
  private ownForm(call: ts.CallExpression, implementation: ts.SignatureDeclaration | undefined, label: string): Pick<ProjectLogger, 'form' | 'consoleLike' | 'stringsOnly' | 'levelSecond' | 'closedOptions' | 'parametersAfterFields'> {
    let signatures = this.checker.getTypeAtLocation(call.expression).getCallSignatures();
    // A global used without a declaration has no type: its implementation's signature says it.
    if (signatures.length === 0 && implementation) {
      const own = this.checker.getSignatureFromDeclaration(implementation);
      if (own) signatures = [own];
    }
    const levelSecond = this.levelSecondForm(signatures, implementation, label);
    if (levelSecond) return levelSecond;
    const forms = new Set<LoggerForm>();
    let consoleLike = false;
    let stringsOnly = signatures.length > 0;
    for (const signature of signatures) {
      const parameters = signature.getParameters();
      const [first, second] = parameters.map((p) => this.parameterKind(p));
      if (first === 'message' && second === 'fields') forms.add('message-first');
      if (first === 'fields' && second === 'message') forms.add('object-first');
      const restOfAny = (kind: ParameterKind | undefined) => kind === 'rest' || kind === 'rest-of-fields';
      if (restOfAny(first) || (first === 'message' && restOfAny(second))) consoleLike = true;
      // `(message: string, context?: string)`: every parameter a string (NestJS LoggerService style).
      const kinds = parameters.map((p) => this.parameterKind(p));
      const onlyStrings = kinds.length > 0 && kinds.every((kind, i) => kind === 'rest-of-strings' || (kind === 'message' && (i === 0 || isStringTyped(parameters[i]!, this.checker))));
      if (!onlyStrings) stringsOnly = false;
    }
    if (forms.size === 1 && forms.has('message-first') && signatures.length === 1) {
      const parameters = signatures[0]!.getParameters();
      const closedOptions = this.closedOptionsOf(parameters[1]!, label);
      return { form: 'message-first', parametersAfterFields: parameters.length - 2, ...(closedOptions ? { closedOptions } : {}) };
    }
    if (forms.size > 0) return { form: forms.size === 1 ? [...forms][0] : forms.has('object-first') ? 'object-first' : undefined };
    if (consoleLike) return { form: 'message-first', consoleLike: true };
    return { form: undefined, stringsOnly };
  }

  /**
   * `(message, level)`: a message, then a level (named so, or typed as a union of level names), and
   * nothing after. Its calls keep the level where it is; fields can only come after it.
   */
  private levelSecondForm(signatures: readonly ts.Signature[], implementation: ts.SignatureDeclaration | undefined, label: string): Pick<ProjectLogger, 'form' | 'levelSecond'> | undefined {
    if (signatures.length !== 1) return undefined;
    const parameters = signatures[0]!.getParameters();
    if (parameters.length !== 2 || this.parameterKind(parameters[0]!) !== 'message') return undefined;
    const level = parameters[1]!;
    const declaration = level.valueDeclaration;
    if (!declaration || !ts.isParameter(declaration) || declaration.dotDotDotToken) return undefined;
    const type = this.checker.getTypeOfSymbolAtLocation(level, declaration);
    const literals = type.isUnion() ? type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null))) : [type];
    const levelUnion = literals.length > 1 && literals.every((t) => t.isStringLiteral() && LEVEL_VALUES.has(t.value.toLowerCase()));
    if (!levelUnion && !LEVEL_NAMES.test(level.name)) return undefined;
    const problem = implementation
      ? fieldsArgumentProblem(implementation, this.checker, label)
      : `\`${label}\` takes \`(message, level)\`, so no argument can carry fields, and its implementation is not in the analysed code; its messages keep their values`;
    return { form: 'message-first', levelSecond: { defaultLevel: implementation && defaultOf(declaration, implementation), problem } };
  }

  /**
   * A fields parameter typed as a closed object (no index signature): a literal with other keys
   * does not type-check, so the fields go under its free-form property (`data?: any`,
   * `meta?: Record<string, unknown>`), or the logger cannot take them. Undefined when it is open.
   */
  private closedOptionsOf(parameter: ts.Symbol, label: string): ProjectLogger['closedOptions'] {
    const declaration = parameter.valueDeclaration;
    if (!declaration) return undefined;
    const type = this.checker.getTypeOfSymbolAtLocation(parameter, declaration);
    const parts = type.isUnion() ? type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null))) : [type];
    const closed = (t: ts.Type) => (t.flags & ts.TypeFlags.Object) !== 0 && !t.getStringIndexType() && t.getProperties().length > 0;
    if (parts.length !== 1 || !closed(parts[0]!)) return undefined;
    const freeForm = parts[0]!.getProperties().find((property) => {
      if (!FIELDS_NAMES.test(property.name)) return false;
      const propertyType = this.checker.getNonNullableType(this.checker.getTypeOfSymbolAtLocation(property, declaration));
      return (propertyType.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.NonPrimitive)) !== 0 || !!propertyType.getStringIndexType();
    });
    if (freeForm) return { property: freeForm.name };
    const names = parts[0]!.getProperties().map((p) => `\`${p.name}\``).join(', ');
    return { problem: `\`${label}\` takes its fields as a closed type (${names}) with no free-form property, so its messages keep their values; give that type a \`data\` (or \`meta\`) property its write path prints to convert them` };
  }

  /** What a parameter takes: a message, fields, or (rest) any values, strings only, or fields. */
  private parameterKind(parameter: ts.Symbol): ParameterKind | undefined {
    const declaration = parameter.valueDeclaration;
    const type = declaration ? this.checker.getTypeOfSymbolAtLocation(parameter, declaration) : undefined;
    if (declaration && ts.isParameter(declaration) && declaration.dotDotDotToken) {
      const element = type?.getNumberIndexType();
      const kind = element ? typeKind(element, this.checker) : undefined;
      return kind === 'message' ? 'rest-of-strings' : kind === 'fields' ? 'rest-of-fields' : 'rest';
    }
    const byType = type ? typeKind(type, this.checker) : undefined;
    if (byType) return byType;
    if (MESSAGE_NAMES.test(parameter.name)) return 'message';
    if (FIELDS_NAMES.test(parameter.name)) return 'fields';
    return undefined;
  }
}

/** A parameter's default: `level = 'info'`, or a first statement `level = level || 'info'` / `level ? level : 'info'` / `level ??= 'info'`. */
function defaultOf(parameter: ts.ParameterDeclaration, implementation: ts.SignatureDeclaration): string | undefined {
  const literal = (e: ts.Expression | undefined) => {
    const value = e && unwrapExpression(e);
    return value && (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) ? value.text : undefined;
  };
  if (parameter.initializer) return literal(parameter.initializer);
  const name = parameter.name.getText();
  const body = (implementation as { body?: ts.Node }).body;
  if (!body || !ts.isBlock(body)) return undefined;
  for (const statement of body.statements) {
    if (!ts.isExpressionStatement(statement)) continue;
    const e = unwrapExpression(statement.expression);
    if (!ts.isBinaryExpression(e) || unwrapExpression(e.left).getText() !== name) continue;
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken) return literal(e.right);
    if (op !== ts.SyntaxKind.EqualsToken) continue;
    const right = unwrapExpression(e.right);
    if (ts.isBinaryExpression(right) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(right.operatorToken.kind) && unwrapExpression(right.left).getText() === name) return literal(right.right);
    if (ts.isConditionalExpression(right) && unwrapExpression(right.condition).getText() === name && unwrapExpression(right.whenTrue).getText() === name) return literal(right.whenFalse);
  }
  return undefined;
}

/** The class or object literal whose methods an implementation is one of. */
function implementationOwner(implementation: ts.Node): ts.Node {
  for (let node: ts.Node | undefined = implementation.parent; node; node = node.parent) {
    if (ts.isClassLike(node) || ts.isObjectLiteralExpression(node)) return node;
  }
  return implementation;
}

type ParameterKind = 'message' | 'fields' | 'rest' | 'rest-of-strings' | 'rest-of-fields';

/** A declaration that has a body: a method, or a property initialised with a function. */
function implementationOf(declaration: ts.Node): ts.SignatureDeclaration | undefined {
  if ((ts.isMethodDeclaration(declaration) || ts.isFunctionDeclaration(declaration)) && declaration.body) return declaration;
  if (ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration) || ts.isVariableDeclaration(declaration)) {
    const init = declaration.initializer && unwrapExpression(declaration.initializer);
    if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return init;
  }
  if (ts.isArrowFunction(declaration) || ts.isFunctionExpression(declaration)) return declaration;
  return undefined;
}

interface Origin {
  library: LoggerLibrary;
  creation: ts.CallExpression;
}

/** A parameter whose type says string (not just its name). */
function isStringTyped(parameter: ts.Symbol, checker: ts.TypeChecker): boolean {
  const declaration = parameter.valueDeclaration;
  return !!declaration && typeKind(checker.getTypeOfSymbolAtLocation(parameter, declaration), checker) === 'message';
}

/**
 * 'message' for a string parameter, 'fields' for an object one; undefined for any/unknown and
 * everything else. An array or tuple (`tags: string[]`) is a list, not a record of fields.
 */
function typeKind(type: ts.Type, checker: ts.TypeChecker): 'message' | 'fields' | undefined {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return undefined;
  const parts = type.isUnion() ? type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null))) : [type];
  if (parts.length === 0) return undefined;
  if (parts.every((t) => t.flags & ts.TypeFlags.StringLike)) return 'message';
  if (parts.some((t) => checker.isArrayLikeType(t))) return undefined;
  if (parts.some((t) => t.flags & ts.TypeFlags.Object || t.flags & ts.TypeFlags.NonPrimitive) && !parts.some((t) => t.flags & ts.TypeFlags.StringLike)) {
    return parts.some((t) => t.getCallSignatures().length > 0) ? undefined : 'fields';
  }
  return undefined;
}

function requiredModule(expr: ts.Expression): string | undefined {
  if (!ts.isCallExpression(expr) || !ts.isIdentifier(expr.expression) || expr.expression.text !== 'require') return undefined;
  const arg = expr.arguments[0];
  return arg && ts.isStringLiteral(arg) ? arg.text : undefined;
}

function isRequireOf(expr: ts.CallExpression, module: string): boolean {
  return requiredModule(expr) === module;
}

function constructorAssignments(cls: ts.ClassLikeDeclaration, name: string): ts.Expression[] {
  const out: ts.Expression[] = [];
  for (const member of cls.members) {
    if (!ts.isConstructorDeclaration(member) || !member.body) continue;
    walk(member.body, (node) => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const left = unwrapExpression(node.left);
        if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && left.name.text === name) out.push(node.right);
      }
    });
  }
  return out;
}

function keyOf(node: ts.Node): string {
  return `${node.getSourceFile().fileName}:${node.getStart()}`;
}
