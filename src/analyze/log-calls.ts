// Which calls are logging calls. `console.*` always; project loggers are recognised by
// log-call recognisers added later without touching the rules.
import { ts } from 'ts-morph';
import { unwrapExpression } from './function-likes.js';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export const CONSOLE_METHOD_LEVELS: Readonly<Record<string, LogLevel>> = {
  log: 'info',
  info: 'info',
  debug: 'debug',
  warn: 'warn',
  error: 'error',
  trace: 'trace',
};

/** `console.log(...)` and friends: the console method, or undefined. */
export function consoleMethodOf(call: ts.CallExpression): string | undefined {
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const object = unwrapExpression(callee.expression);
  if (!ts.isIdentifier(object) || object.text !== 'console') return undefined;
  return Object.prototype.hasOwnProperty.call(CONSOLE_METHOD_LEVELS, callee.name.text) ? callee.name.text : undefined;
}

/** True when `node` sits inside the arguments of a logging call (the id is "used for logging"). */
export function isInsideLogCall(node: ts.Node, stopAt: ts.Node): boolean {
  for (let current = node.parent; current && current !== stopAt; current = current.parent) {
    if (ts.isCallExpression(current) && consoleMethodOf(current) && current.arguments.some((a) => a.pos <= node.pos && node.end <= a.end)) {
      return true;
    }
    if (ts.isFunctionLike(current)) return false;
  }
  return false;
}
