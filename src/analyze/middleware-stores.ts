// Middleware that gives a request its id and stores it for later: `req.reqId = req.get('x-request-id')
// || randomUUID(); next()` (Express, Connect), `ctx.state.reqId = …; await next()` (Koa),
// `request.reqId = …; done()` (Fastify hooks), `res.locals.requestId = …`. The handlers after it
// read the stored id only to log it; running `next()` inside the id's context gives every one of
// them (error handlers included) the id, so those reads become the context's id.
import { ts } from '../syntax/typescript.js';
import { calleeName, isFunctionLike, unwrapExpression, walk } from '../syntax/function-likes.js';
import { isConstDeclaration } from '../syntax/declarations.js';
import type { OriginRecognizer } from './origin-expressions.js';
import { AMBIGUOUS_TRACE_FIELDS, REQUEST_OBJECT_NAME, UNAMBIGUOUS_TRACE_FIELDS } from './trace-names.js';

export interface MiddlewareStore {
  /** The `next()` / `done()` call that hands the request on (no arguments). */
  next?: ts.CallExpression;
  /**
   * Instead of `next`: a Fastify async hook without `await` or `return`
   * (`addHook('onRequest', async (request, reply) => { request.reqId = …; })`). An async hook
   * cannot run the rest of the request in a callback; the same hook written with `done` can, and
   * Fastify runs both alike (a throw is the rejection), so it becomes `(request, reply, done) =>
   * { …; withTrace({ … }, done); }`.
   */
  asyncHook?: AsyncHook;
  /** Where the id is stored: `req.reqId`, `res.locals.requestId`, `ctx.state.reqId`. */
  target: ts.PropertyAccessExpression;
  /** The context's id: the local the id was stored from (`requestId`), else the stored path. */
  id: ts.Expression;
}

const NEXT_NAMES = /^(next|done|nextFn|callback|cb)$/;
/** Objects a middleware stores per-request values on: the request itself, `res.locals`, `ctx.state`. */
const STORE_RECEIVER = /^(req|request|ctx|context)$/;
const STORE_BAGS = new Set(['locals', 'state']);

/** Middleware functions of `file` that store a fresh or incoming trace id and then call `next()`. */
export function findMiddlewareStores(file: ts.SourceFile, origins: OriginRecognizer, isIdName: (name: string) => boolean): MiddlewareStore[] {
  const out: MiddlewareStore[] = [];
  walk(file, (node) => {
    if (!isFunctionLike(node) || !('body' in node) || !node.body || !ts.isBlock(node.body)) return true;
    const hook = asyncHookOf(node);
    if (hook) {
      const store = hookStore(hook, origins, isIdName);
      if (store) out.push(store);
      return true;
    }
    const last = node.parameters[node.parameters.length - 1];
    if (node.parameters.length < 2 || !last || !ts.isIdentifier(last.name) || !NEXT_NAMES.test(last.name.text)) return true;
    const nextName = last.name.text;
    let target: ts.PropertyAccessExpression | undefined;
    for (const statement of node.body.statements) {
      const stored = storedId(statement, origins, isIdName);
      if (stored) target = stored;
      const next = target && handOnCall(statement, nextName);
      if (target && next) {
        const stored = unwrapExpression((target.parent as ts.BinaryExpression).right);
        out.push({ next, target, id: ts.isIdentifier(stored) ? stored : target });
        break;
      }
    }
    return true;
  });
  return out;
}

export interface AsyncHook {
  fn: ts.ArrowFunction | ts.FunctionExpression;
  /** The `async` keyword (it goes). */
  asyncKeyword: ts.Node;
  /** The last statement of the body (the hand-on goes after it). */
  last: ts.Statement;
}

const FASTIFY_REQUEST_HOOKS = new Set(['onRequest', 'preParsing', 'preValidation', 'preHandler']);

/** `app.addHook('onRequest', async (request, reply) => { … })` with no `await`, `return` or `done` in it. */
function asyncHookOf(node: ts.Node): AsyncHook | undefined {
  if (!(ts.isArrowFunction(node) || ts.isFunctionExpression(node)) || !ts.isBlock(node.body) || node.parameters.length !== 2) return undefined;
  const asyncKeyword = node.modifiers?.find((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  const call = node.parent;
  if (!asyncKeyword || node.asteriskToken || !ts.isCallExpression(call) || call.arguments[1] !== node || call.arguments.length !== 2) return undefined;
  const hookName = call.arguments[0]!;
  if (calleeName(call.expression) !== 'addHook' || !ts.isStringLiteral(hookName) || !FASTIFY_REQUEST_HOOKS.has(hookName.text)) return undefined;
  const last = node.body.statements[node.body.statements.length - 1];
  if (!last) return undefined;
  let moves = false;
  walk(node.body, (inner) => {
    if (moves || (inner !== node.body && ts.isFunctionLike(inner))) return false;
    if (ts.isAwaitExpression(inner) || ts.isReturnStatement(inner) || (ts.isForOfStatement(inner) && inner.awaitModifier)) moves = true;
    if (ts.isIdentifier(inner) && (inner.text === 'done' || inner.text === 'arguments')) moves = true;
    return !moves;
  });
  return moves ? undefined : { fn: node, asyncKeyword, last };
}

function hookStore(hook: AsyncHook, origins: OriginRecognizer, isIdName: (name: string) => boolean): MiddlewareStore | undefined {
  for (const statement of (hook.fn.body as ts.Block).statements) {
    const target = storedId(statement, origins, isIdName);
    if (!target) continue;
    // The hand-on goes at the end of the body: a local must still be in scope (and unchanged) there.
    const stored = unwrapExpression((target.parent as ts.BinaryExpression).right);
    const local = ts.isIdentifier(stored) && isTopLevelConst(stored, hook.fn.body as ts.Block);
    return { asyncHook: hook, target, id: local ? stored : target };
  }
  return undefined;
}

/** `const id = …` declared directly in `body` (by name: the body declares no other `id`). */
function isTopLevelConst(name: ts.Identifier, body: ts.Block): boolean {
  return body.statements.some(
    (s) => ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => isConstDeclaration(d) && ts.isIdentifier(d.name) && d.name.text === name.text),
  );
}

/** `req.reqId = <origin>;` */
function storedId(statement: ts.Statement, origins: OriginRecognizer, isIdName: (name: string) => boolean): ts.PropertyAccessExpression | undefined {
  if (!ts.isExpressionStatement(statement)) return undefined;
  const e = statement.expression;
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(e.left)) return undefined;
  if (!isStorePath(e.left, isIdName)) return undefined;
  return origins.isOrigin(e.right) ? e.left : undefined;
}

/** `next();`, `await next();`, `return next();` — handing on without an error. */
function handOnCall(statement: ts.Statement, nextName: string): ts.CallExpression | undefined {
  const expression = ts.isExpressionStatement(statement) || ts.isReturnStatement(statement) ? statement.expression : undefined;
  if (!expression) return undefined;
  const inner = unwrapExpression(ts.isAwaitExpression(expression) ? expression.expression : expression);
  if (!ts.isCallExpression(inner) || inner.arguments.length > 0) return undefined;
  const callee = unwrapExpression(inner.expression);
  return ts.isIdentifier(callee) && callee.text === nextName ? inner : undefined;
}

/** `req.reqId`, `request.id`, `res.locals.requestId`, `ctx.state.traceId`. */
export function isStorePath(access: ts.PropertyAccessExpression, isIdName: (name: string) => boolean): boolean {
  const field = access.name.text;
  if (!isIdName(field) && !UNAMBIGUOUS_TRACE_FIELDS.has(field) && !AMBIGUOUS_TRACE_FIELDS.has(field) && field !== 'id') return false;
  const receiver = unwrapExpression(access.expression);
  if (ts.isIdentifier(receiver)) return field === 'id' ? REQUEST_OBJECT_NAME.test(receiver.text) : STORE_RECEIVER.test(receiver.text);
  return field !== 'id' && ts.isPropertyAccessExpression(receiver) && STORE_BAGS.has(receiver.name.text);
}

/** The same stored id read anywhere: `req.reqId` for a `req.reqId` store, `res.locals.reqId` for `res.locals.reqId`. */
export function readsStoredId(access: ts.PropertyAccessExpression, stores: readonly MiddlewareStore[]): boolean {
  if (ts.isBinaryExpression(access.parent) && access.parent.left === access && access.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return false;
  const receiver = unwrapExpression(access.expression);
  return stores.some(({ target }) => {
    if (target.name.text !== access.name.text) return false;
    const storedOn = unwrapExpression(target.expression);
    if (ts.isPropertyAccessExpression(storedOn)) return ts.isPropertyAccessExpression(receiver) && receiver.name.text === storedOn.name.text;
    if (isGetRequestCall(receiver)) return true;
    return ts.isIdentifier(receiver) && (target.name.text === 'id' ? REQUEST_OBJECT_NAME : STORE_RECEIVER).test(receiver.text);
  });
}

/** NestJS's `ctx.switchToHttp().getRequest()`: the request itself. */
function isGetRequestCall(node: ts.Expression): boolean {
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(unwrapExpression(node.expression)) && (unwrapExpression(node.expression) as ts.PropertyAccessExpression).name.text === 'getRequest';
}
