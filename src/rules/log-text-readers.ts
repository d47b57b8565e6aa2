// Tests whose assertions read the text of a log call the log rule just changed: each becomes a
// finding at the assertion that names the call, so the user fixes the test in the same pull request.
import { ts } from '../syntax/typescript.js';
import type { LogCall } from '../analyze/log-calls.js';
import type { LogTextAssertion } from '../analyze/log-text-assertions.js';
import { TEST_READS_LOG_TEXT } from '../report/grouped-entries.js';
import type { FindingDraft } from './rule.js';

export interface ChangedLogCall {
  logCall: LogCall;
  /** The message it writes now (constant text with `{placeholders}`), when known. */
  message?: string;
}

/** Message text of the call before the change: its string literals and template text. */
function literalText(call: ts.CallExpression): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node)) out.push(node.text);
    else if (ts.isTemplateExpression(node)) out.push(node.head.text, ...node.templateSpans.map((s) => s.literal.text));
    ts.forEachChild(node, visit);
  };
  call.arguments.forEach(visit);
  return out.filter((t) => t.trim().length > 0);
}

/** A fragment the assertion expects shares text with the call's message (not just a word or two letters). */
function sharesText(fragments: readonly string[], texts: readonly string[]): boolean {
  const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 4);
  return fragments.some((fragment) => {
    const own = words(fragment);
    return texts.some((text) => text.includes(fragment.trim()) || words(text).some((w) => own.includes(w)));
  });
}

/** An own logger implemented in the analysed code (a class or object) that writes with console. */
function writesThroughConsole(logCall: LogCall): boolean {
  if (logCall.kind !== 'logger' || logCall.logger.library !== 'own') return false;
  const owner = logCall.logger.implementation?.parent;
  return owner !== undefined && /\bconsole\s*[.[]/.test(owner.getText());
}

export function logTextReaderFindings(
  assertions: readonly { assertion: LogTextAssertion; reaches: ReadonlySet<string> }[],
  changed: readonly ChangedLogCall[],
): FindingDraft[] {
  const findings: FindingDraft[] = [];
  for (const { assertion, reaches } of assertions) {
    const candidates = changed.filter(({ logCall }) => {
      const file = logCall.call.getSourceFile().fileName;
      return logCall.method === assertion.method && (logCall.kind === 'console') === (assertion.target === 'console') && reaches.has(file);
    });
    // A console spy also sees what the project's own loggers print through console, at whatever
    // console method they map a level to: those count when their text matches.
    const throughConsole = assertion.target === 'console' ? changed.filter(({ logCall }) => writesThroughConsole(logCall) && reaches.has(logCall.call.getSourceFile().fileName)) : [];
    if (candidates.length === 0 && throughConsole.length === 0) continue;
    // By its text when it can tell; a value the assertion expects (a model name) is not in the text:
    // then the only changed call of that level it can reach.
    const byText = [...candidates, ...throughConsole].filter(({ logCall }) => sharesText(assertion.fragments, literalText(logCall.call)));
    const matched = byText.length > 0 ? byText : candidates.length === 1 ? candidates : [];
    for (const { logCall, message } of matched.slice(0, 3)) {
      const file = logCall.call.getSourceFile();
      const line = file.getLineAndCharacterOfPosition(logCall.call.getStart(file)).line + 1;
      const callee = logCall.call.expression.getText(file).replace(/\s+/g, '');
      const now = logCall.kind === 'console' ? 'now written by the log facade, not console' : message ? `its message is now '${message}', values in its fields` : 'its message is now constant, values in its fields';
      findings.push({
        ruleId: 'structured-logs',
        kind: 'manual',
        node: assertion.node,
        message: `${TEST_READS_LOG_TEXT} \`${callee}(…)\` (${file.fileName}:${line}), which this migration changed (${now}); update the assertion in the same pull request`,
      });
    }
  }
  return findings;
}
