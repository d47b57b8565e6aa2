// Test assertions that read the text of a log call: `expect(logger.warn).toHaveBeenCalledWith(
// expect.stringContaining('gpt-4'))`, `expect(warnSpy.mock.calls[0][0]).toContain('retrying')`, a
// console spy asserted with a string. When the migration makes that message constant (or moves a
// console call onto the facade), such a test fails; the report points at it. Syntax only.
import { ts } from '../syntax/typescript.js';
import { unwrapExpression, walk } from '../syntax/function-likes.js';

export interface LogTextAssertion {
  /** The `expect(…)…` call. */
  node: ts.CallExpression;
  /** The log method it reads (`warn`), from the spy or mock it asserts on. */
  method: string;
  /** `console` for a console spy, else the mocked logger. */
  target: 'console' | 'logger';
  /** Text the assertion expects (string literals, `stringContaining` arguments, regex sources). */
  fragments: string[];
}

const TEST_FILE = /(\.|\/)(test|spec)\.[cm]?[jt]sx?$|\/__tests__\//;
const CALLED_WITH = /^(toHaveBeenCalledWith|toBeCalledWith|toHaveBeenLastCalledWith|lastCalledWith|toHaveBeenNthCalledWith|nthCalledWith)$/;
const LEVEL = /(trace|debug|info|log|warn|error|fatal)/i;

export function isTestFile(fileName: string): boolean {
  return TEST_FILE.test(fileName.replace(/\\/g, '/'));
}

export function findLogTextAssertions(file: ts.SourceFile): LogTextAssertion[] {
  const out: LogTextAssertion[] = [];
  walk(file, (node) => {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return true;
    const matcher = node.expression.name.text;
    const expectCall = expectCallOf(node.expression.expression);
    const subject = expectCall?.arguments[0];
    if (!expectCall || !subject) return true;
    if (CALLED_WITH.test(matcher)) {
      const fragments = node.arguments.flatMap(textFragments);
      const spy = spyOf(subject, file);
      if (spy && fragments.length > 0) out.push({ node, ...spy, fragments });
      return true;
    }
    // expect(warn.mock.calls[0][0]).toContain('…'), expect(spy.mock.calls).toEqual([['…']])
    const mocked = mockCallsReceiver(subject);
    if (mocked) {
      const fragments = node.arguments.flatMap(textFragments);
      const spy = spyOf(mocked, file);
      if (spy && fragments.length > 0) out.push({ node, ...spy, fragments });
    }
    return true;
  });
  return out;
}

/** `expect(x)` under `expect(x).not.…` and `expect(x).resolves.…`. */
function expectCallOf(e: ts.Expression): ts.CallExpression | undefined {
  let current = unwrapExpression(e);
  while (ts.isPropertyAccessExpression(current) && ['not', 'resolves', 'rejects'].includes(current.name.text)) current = unwrapExpression(current.expression);
  return ts.isCallExpression(current) && ts.isIdentifier(current.expression) && current.expression.text === 'expect' ? current : undefined;
}

/** The spy of `x.mock.calls…` (also `vi.mocked(x).mock.calls`). */
function mockCallsReceiver(subject: ts.Expression): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  walk(subject, (node) => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'calls' && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'mock') {
      let receiver = unwrapExpression(node.expression.expression);
      if (ts.isCallExpression(receiver) && /mocked$/.test(receiver.expression.getText()) && receiver.arguments[0]) receiver = unwrapExpression(receiver.arguments[0]);
      found = receiver;
      return false;
    }
    return true;
  });
  return found;
}

/** Which log method a spy stands for: `console.warn`, `logger.warn`, or a variable made by `vi.spyOn(console, 'warn')`. */
function spyOf(spy: ts.Expression, file: ts.SourceFile): { method: string; target: 'console' | 'logger' } | undefined {
  const e = unwrapExpression(spy);
  if (ts.isPropertyAccessExpression(e) && LEVEL.test(e.name.text)) {
    const receiver = unwrapExpression(e.expression).getText(file);
    return { method: e.name.text, target: receiver === 'console' ? 'console' : 'logger' };
  }
  if (!ts.isIdentifier(e)) return undefined;
  const spyOnCall = spyOnInitializer(e.text, file);
  if (spyOnCall) return spyOnCall;
  // `warnSpy`, `consoleError`, `mockLogInfo`: the level in its name.
  const level = /(trace|debug|info|warn|error|fatal|log)(?![a-z])/i.exec(e.text.replace(/^(console|mock|spy)/i, ''));
  return level ? { method: level[1]!.toLowerCase(), target: /console/i.test(e.text) ? 'console' : 'logger' } : undefined;
}

/** `const warn = vi.spyOn(console, 'warn')` (or `jest.spyOn`, with `.mockImplementation(…)` after it). */
function spyOnInitializer(name: string, file: ts.SourceFile): { method: string; target: 'console' | 'logger' } | undefined {
  let found: { method: string; target: 'console' | 'logger' } | undefined;
  walk(file, (node) => {
    if (found) return false;
    const assigned =
      ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name ? node.initializer
      : ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && node.left.text === name ? node.right
      : undefined;
    if (!assigned) return true;
    walk(assigned, (inner) => {
      if (!found && ts.isCallExpression(inner) && /\.spyOn$/.test(inner.expression.getText(file)) && inner.arguments.length >= 2) {
        const [object, method] = inner.arguments;
        if (method && ts.isStringLiteralLike(method)) found = { method: method.text, target: object!.getText(file) === 'console' ? 'console' : 'logger' };
      }
      return !found;
    });
    return !found;
  });
  return found;
}

/** The text an argument of a matcher expects: literals, template text, `expect.stringContaining(…)`, regex sources. */
function textFragments(arg: ts.Expression): string[] {
  const e = unwrapExpression(arg);
  if (ts.isStringLiteralLike(e)) return e.text.trim() ? [e.text] : [];
  if (ts.isTemplateExpression(e)) return [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].filter((t) => t.trim());
  if (ts.isRegularExpressionLiteral(e)) return [e.text.slice(1, e.text.lastIndexOf('/'))];
  if (ts.isCallExpression(e) && /^expect\.(stringContaining|stringMatching)$/.test(e.expression.getText())) return e.arguments.flatMap(textFragments);
  if (ts.isArrayLiteralExpression(e)) return e.elements.flatMap((el) => (ts.isSpreadElement(el) ? [] : textFragments(el)));
  return [];
}
