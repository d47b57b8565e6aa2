// Where an in-house logger writes its records: from the method a log call runs (a class method, a
// factory's object method), through the helpers it calls (`this.write(…)`, a module function), to
// the calls that print — `console.*` and `stream.write(…)`. The logger-context rule injects the
// trace context there, once per logger, instead of at every call site.
import { ts } from '../syntax/typescript.js';
import { isConstDeclaration } from '../syntax/declarations.js';
import { unwrapExpression, walk } from '../syntax/function-likes.js';

export interface WriteSink {
  call: ts.CallExpression;
  /** `console`: console.<level>(…); `write`: process.stdout.write(…) and other stream writes. */
  kind: 'console' | 'write';
  /** An object literal the sink writes (`JSON.stringify({ level, msg, ...fields })`): the id joins it. */
  record?: ts.ObjectLiteralExpression;
  /**
   * The sink writes a JSON text whose object the analysis cannot see (`JSON.stringify(entry())`):
   * one more argument would break the line's JSON, so the id cannot be added there.
   */
  opaqueJson?: true;
}

const MAX_DEPTH = 4;

/** Level methods a logger class or object may have besides the one a call used. */
const LEVEL_METHOD = /^(trace|debug|info|log|warn|warning|error|fatal|verbose|notice|critical|success)$/;

/** The sinks of a logger: those reached from the method a call runs and from its sibling level methods. */
export function loggerSinksOf(implementation: ts.SignatureDeclaration, checker: ts.TypeChecker): WriteSink[] {
  const methods = [implementation, ...siblingLevelMethods(implementation)];
  const sinks = new Map<ts.CallExpression, WriteSink>();
  for (const method of methods) for (const sink of writeSinksOf(method, checker)) sinks.set(sink.call, sink);
  return [...sinks.values()];
}

function siblingLevelMethods(implementation: ts.SignatureDeclaration): ts.SignatureDeclaration[] {
  let owner: ts.Node | undefined = implementation.parent;
  while (owner && !ts.isClassLike(owner) && !ts.isObjectLiteralExpression(owner)) owner = owner.parent;
  if (!owner) return [];
  const members: readonly ts.Node[] = ts.isClassLike(owner) ? owner.members : owner.properties;
  const out: ts.SignatureDeclaration[] = [];
  for (const member of members) {
    const name = (member as { name?: ts.Node }).name;
    if (!name || !LEVEL_METHOD.test(name.getText())) continue;
    if (ts.isMethodDeclaration(member) && member.body) out.push(member);
    else if ((ts.isPropertyAssignment(member) || ts.isPropertyDeclaration(member)) && member.initializer) {
      const init = unwrapExpression(member.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) out.push(init);
    }
  }
  return out;
}

/** The sinks reached from a logger method's body, following calls into the class and module it lives in. */
export function writeSinksOf(implementation: ts.SignatureDeclaration, checker: ts.TypeChecker): WriteSink[] {
  const sinks = new Map<ts.CallExpression, WriteSink>();
  const visited = new Set<ts.Node>();
  const visit = (fn: ts.SignatureDeclaration, depth: number) => {
    const body = (fn as { body?: ts.Node }).body;
    if (!body || visited.has(fn) || depth > MAX_DEPTH) return;
    visited.add(fn);
    walk(body, (node) => {
      if (!ts.isCallExpression(node)) return true;
      const sink = sinkOf(node, checker);
      if (sink) {
        sinks.set(node, sink);
        return true;
      }
      const callee = calleeImplementation(node, fn, checker);
      if (callee) visit(callee, depth + 1);
      return true;
    });
  };
  visit(implementation, 0);
  return [...sinks.values()];
}

function sinkOf(call: ts.CallExpression, checker: ts.TypeChecker): WriteSink | undefined {
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) return undefined;
  const object = unwrapExpression(callee.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  const kind =
    (ts.isIdentifier(object) && object.text === 'console') || isConsoleLikeLogger(object, name, checker) ? 'console' : name === 'write' && isStream(object) ? 'write' : undefined;
  if (!kind) return undefined;
  const record = recordOf(call, checker);
  return record === 'opaque' ? { call, kind, opaqueJson: true } : { call, kind, record };
}

/** Libraries whose loggers get the context where they are created (logger-context), not in a wrapper. */
const CONTEXT_AT_CREATION = /\/node_modules\/(pino|winston|logform|winston-transport|bunyan|@types\/bunyan)\//;

/**
 * A library logger that prints like console (log4js: `info(message: any, ...args: any[])`, which
 * formats its arguments with util.format): the method called, or `info` for `logger[level](…)`.
 */
function isConsoleLikeLogger(object: ts.Expression, name: string | undefined, checker: ts.TypeChecker): boolean {
  const method = name ?? 'info';
  if (!LEVEL_METHOD.test(method) || method === 'log') return false;
  const member = checker.getTypeAtLocation(object).getProperty(method);
  const declaration = member?.valueDeclaration;
  if (!declaration || !ts.isMethodSignature(declaration) && !ts.isMethodDeclaration(declaration)) return false;
  if (!declaration.getSourceFile().fileName.includes('/node_modules/') || CONTEXT_AT_CREATION.test(declaration.getSourceFile().fileName)) return false;
  const [first, second] = declaration.parameters;
  return !!first && !!second && !first.dotDotDotToken && !!second.dotDotDotToken && declaration.parameters.length === 2;
}

/** `process.stdout`, `process.stderr`, `this.stream`, `stream`, `out`: something written to. */
function isStream(e: ts.Expression): boolean {
  const text = e.getText().replace(/\s+/g, '');
  return /^process\.std(out|err)$/.test(text) || /(stream|out|err|destination|dest|sink|file)$/i.test(text);
}

/**
 * The object literal a sink writes: an argument itself, or inside `JSON.stringify(…)` (with a
 * `+ '\n'`), also through a `const entry = { … }` of the same function; `opaque` when it writes
 * the JSON of a value it cannot see into.
 */
function recordOf(call: ts.CallExpression, checker: ts.TypeChecker): ts.ObjectLiteralExpression | 'opaque' | undefined {
  for (const arg of call.arguments) {
    let e = unwrapExpression(arg);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) e = unwrapExpression(e.left);
    const stringified = ts.isCallExpression(e) && e.expression.getText() === 'JSON.stringify' && e.arguments[0];
    if (stringified) e = unwrapExpression(stringified);
    if (ts.isIdentifier(e)) e = constObjectOf(e, call, checker) ?? e;
    if (ts.isObjectLiteralExpression(e)) return e;
    if (stringified) return 'opaque';
  }
  return undefined;
}

/**
 * The `const entry = { … }` that `name` refers to, when it is declared in the same function as
 * `use`: the object is then built on every write. (A module-level one is built once, at load.)
 */
function constObjectOf(name: ts.Identifier, use: ts.Node, checker: ts.TypeChecker): ts.ObjectLiteralExpression | undefined {
  const declaration = checker.getSymbolAtLocation(name)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !isConstDeclaration(declaration)) return undefined;
  if (enclosingFunction(declaration) !== enclosingFunction(use)) return undefined;
  const init = unwrapExpression(declaration.initializer);
  return ts.isObjectLiteralExpression(init) ? init : undefined;
}

function enclosingFunction(node: ts.Node): ts.Node | undefined {
  let scope = node.parent;
  while (scope && !ts.isFunctionLike(scope)) scope = scope.parent;
  return scope;
}

/** `this.write(…)` in a class, or a function of the same file: the body the logger runs next. */
function calleeImplementation(call: ts.CallExpression, from: ts.Node, checker: ts.TypeChecker): ts.SignatureDeclaration | undefined {
  const callee = unwrapExpression(call.expression);
  const target = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isIdentifier(callee) ? callee : undefined;
  if (!target) return undefined;
  const declaration = checker.getSymbolAtLocation(target)?.valueDeclaration;
  if (!declaration || declaration.getSourceFile() !== from.getSourceFile()) return undefined;
  if ((ts.isMethodDeclaration(declaration) || ts.isFunctionDeclaration(declaration)) && declaration.body) return declaration;
  if ((ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration)) && declaration.initializer) {
    const init = unwrapExpression(declaration.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}

/**
 * Whether a `(message, level)` wrapper can be given a third `fields` argument that it prints: two
 * plain parameters, and every write in its own body (where the new parameter is in scope) a
 * console-like call that prints what follows its message. The problem, said once per logger, else undefined.
 */
export function fieldsArgumentProblem(implementation: ts.SignatureDeclaration, checker: ts.TypeChecker, label: string): string | undefined {
  const cannot = `\`${label}\` takes \`(message, level)\`, so no argument can carry fields`;
  const parameters = implementation.parameters;
  if (parameters.length !== 2 || parameters.some((p) => !ts.isIdentifier(p.name) || p.dotDotDotToken)) {
    return `${cannot}; its messages keep their values — give it a \`fields\` argument that it prints to convert them`;
  }
  const sinks = writeSinksOf(implementation, checker);
  const outside = sinks.filter((sink) => sink.kind !== 'console' || sink.record || ts.findAncestor(sink.call.parent, ts.isFunctionLike) !== implementation);
  if (sinks.length === 0 || outside.length > 0) {
    return `${cannot}, and the rewrite cannot see a console-like write in its own body to print them; its messages keep their values — give it a \`fields\` argument that it prints to convert them`;
  }
  return undefined;
}
