// context-reads: a removed trace parameter that is used for something other than logging or
// passing on (an outgoing header, a derived tag, an error field) reads the current context
// instead: `traceId()` — with the old default when there was one.
import { ts } from '../syntax/typescript.js';
import type { Rule, RuleContext } from './rule.js';

export const contextReads: Rule = {
  id: 'context-reads',
  description: 'Other uses of a removed trace parameter read the current context (`traceId()`).',
  apply(ctx: RuleContext): void {
    for (const read of ctx.model.contextReads) {
      const file = read.reference.getSourceFile();
      const edits = ctx.edits(file);
      const traceId = `${ctx.runtimeName(file, 'traceId')}()`;
      const parent = read.reference.parent;
      const isFallbackLeft =
        ts.isBinaryExpression(parent) &&
        parent.left === read.reference &&
        (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken);
      let value: string;
      if (read.declaration.initializer) {
        const fallback = read.declaration.initializer.getText(file);
        value = needsParentheses(read.reference) ? `(${traceId} ?? ${fallback})` : `${traceId} ?? ${fallback}`;
      } else if (ctx.facts.requiredParams.has(read.declaration) && read.needsDefined && !isFallbackLeft) {
        value = `${traceId}!`;
      } else {
        value = traceId;
      }
      const text = ts.isShorthandPropertyAssignment(parent) && parent.name === read.reference ? `${read.reference.text}: ${value}` : value;
      edits.add(read.reference.getStart(file), read.reference.end, text, read.owner);
      ctx.counts.otherUsesReplaced++;
    }
  },
};

/** `a ?? b` needs parentheses except where it stands alone (an argument, an initializer, …). */
function needsParentheses(node: ts.Node): boolean {
  const parent = node.parent;
  return !(
    ts.isCallExpression(parent) ||
    ts.isNewExpression(parent) ||
    ts.isTemplateSpan(parent) ||
    ts.isVariableDeclaration(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isShorthandPropertyAssignment(parent) ||
    ts.isReturnStatement(parent) ||
    ts.isArrayLiteralExpression(parent) ||
    ts.isParenthesizedExpression(parent)
  );
}
