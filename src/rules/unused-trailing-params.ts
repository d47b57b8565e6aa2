// Parameters a removed id leaves last and unused. Lint's no-unused-vars (ESLint's and
// typescript-eslint's default `args: "after-used"`) skips an unused parameter only while a used one
// follows it: `(req, res, params, query, requestId) => …` that never reads params or query was clean,
// and `(req, res, params, query) => …` is two new problems. So they go with the id — only in a
// callback (a function written as an argument), whose calls are never edited by name, so no call
// site is left passing more arguments than TypeScript allows.
import { ts } from '../syntax/typescript.js';
import type { FunctionLike } from '../syntax/function-likes.js';

/**
 * Names whose unused presence is the point: frameworks tell a function's role by its arity (Express
 * error middleware by 4 parameters, test runners' `done`).
 */
const ARITY_MARKERS = new Set(['next', 'done', 'cb', 'callback', 'err', 'error']);

/** Indexes of the parameters that become trailing and unused once `removed` are gone (none when unsafe). */
export function unusedParamsLeftTrailing(fn: FunctionLike, removed: ReadonlySet<number>): number[] {
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !isCallback(fn)) return [];
  const params = fn.parameters;
  // Only what the removal exposed: a removed id that was after every kept parameter it now ends.
  const lastRemoved = Math.max(...removed);
  if (params.slice(lastRemoved + 1).some((_, i) => !removed.has(lastRemoved + 1 + i))) return [];
  const used = namesReadIn(fn.body);
  if (used.has('arguments')) return [];
  const dropped: number[] = [];
  for (let i = lastRemoved - 1; i >= 0; i--) {
    if (removed.has(i)) continue;
    const param = params[i]!;
    if (!isPlainUnused(param, used)) break;
    dropped.push(i);
  }
  return dropped;
}

function isCallback(fn: ts.ArrowFunction | ts.FunctionExpression): boolean {
  let node: ts.Node = fn;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  return (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && (parent.arguments ?? []).some((arg) => arg === node);
}

function isPlainUnused(param: ts.ParameterDeclaration, used: ReadonlySet<string>): boolean {
  if (!ts.isIdentifier(param.name) || param.initializer || param.dotDotDotToken || ts.getDecorators(param)?.length) return false;
  const name = param.name.text;
  return name !== 'this' && !ARITY_MARKERS.has(name) && !used.has(name);
}

/** Every identifier read in `body` (property names after a dot and object keys are not reads). */
function namesReadIn(body: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && !isPropertyNameOnly(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(body);
  return names;
}

function isPropertyNameOnly(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isPropertyAssignment(parent) && parent.name === node) ||
    ((ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node)
  );
}
