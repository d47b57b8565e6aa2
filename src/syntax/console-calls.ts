// The one recognizer of console calls, from syntax alone: `console.log(…)`, `console['warn'](…)`,
// parentheses and type assertions around either part. The analysis, the log rule, `--check` and
// the jscodeshift transform (through log-core's `consoleMethodNamed`, over its own tree) all ask here, so what
// the migration converts and what the gate reports cannot drift apart. Project loggers need the
// type checker and are recognised on top of this, in src/analyze/project-loggers.ts.
import { ts } from './typescript.js';
import { unwrapExpression } from './function-likes.js';
import { consoleMethodNamed } from './log-core/console-method.js';

/** `console.log(...)`, `console['warn'](...)` and friends: the console method, or undefined. */
export function consoleMethodOf(call: ts.CallExpression): string | undefined {
  return consoleMemberMethod(unwrapExpression(call.expression));
}

/** `console.log` or `console['warn']` (not called): the console method, or undefined. */
export function consoleMemberMethod(callee: ts.Expression): string | undefined {
  let name: string | undefined;
  if (ts.isPropertyAccessExpression(callee)) name = callee.name.text;
  else if (ts.isElementAccessExpression(callee) && (ts.isStringLiteral(callee.argumentExpression) || ts.isNoSubstitutionTemplateLiteral(callee.argumentExpression))) {
    name = callee.argumentExpression.text;
  } else return undefined;
  const object = unwrapExpression(callee.expression);
  return consoleMethodNamed(ts.isIdentifier(object) ? object.text : undefined, name);
}

export function isConsole(expr: ts.Expression): boolean {
  const e = unwrapExpression(expr);
  return ts.isIdentifier(e) && e.text === 'console';
}

/**
 * `console.log(JSON.stringify({ level, message, … }))` already writes a structured record:
 * wrapping it would nest the record under a field and blank its message, so it is no log to convert.
 */
export function isJsonRecordLine(call: ts.CallExpression): boolean {
  const [only, ...rest] = call.arguments;
  if (!only || rest.length > 0) return false;
  const e = unwrapExpression(only);
  if (!ts.isCallExpression(e) || !e.arguments[0] || !ts.isObjectLiteralExpression(unwrapExpression(e.arguments[0]))) return false;
  const callee = e.expression;
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'JSON' && callee.name.text === 'stringify';
}

/** Spread arguments hide the message: such a call is reported, never rewritten. */
export function hasSpreadArgument(call: ts.CallExpression): boolean {
  return call.arguments.some((a) => ts.isSpreadElement(a));
}
