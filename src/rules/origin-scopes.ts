// origin-scopes: where a trace id is born into a local (`const reqId = req.headers[…] ??
// randomUUID()`), the rest of the block runs inside `withTrace({ correlationId: reqId }, …)`,
// so everything it calls and logs carries the id. `return`/`await` keep their meaning: the
// wrap is returned when the block returned, awaited when it awaited.
import { ts } from '../syntax/typescript.js';
import { walk } from '../syntax/function-likes.js';
import type { ScopeWrap } from '../analyze/plan-model.js';
import { lineIndentAt, usesSemicolons } from '../syntax/source-layout.js';
import { traceContextLiteral } from '../syntax/trace-context-literal.js';
import type { Rule, RuleContext } from './rule.js';

export const originScopes: Rule = {
  id: 'origin-scopes',
  description: 'Statements after a local that receives a fresh trace id run inside `withTrace(…)`, keeping return/await semantics.',
  apply(ctx: RuleContext): void {
    // Inner wraps first: an outer wrap renders (and re-indents) the inner one.
    const wraps = [...ctx.model.scopeWraps].sort((a, b) => b.scope.rest[0]!.pos - a.scope.rest[0]!.pos);
    for (const wrap of wraps) applyWrap(ctx, wrap);
  },
};

function applyWrap(ctx: RuleContext, wrap: ScopeWrap): void {
  const { scope } = wrap;
  const file = scope.block.getSourceFile();
  const text = file.text;
  const edits = ctx.edits(file);
  const eol = ctx.facts.editable.get(file.fileName)!.source.eol;
  const last = scope.rest[scope.rest.length - 1]!;
  // From the first non-blank line after the declaration to the end of the last statement's line.
  let start = text.indexOf('\n', scope.statement.end) + 1;
  while (/^[ \t]*\r?\n/.test(text.slice(start))) start = text.indexOf('\n', start) + 1;
  let end = text.indexOf('\n', last.end);
  if (end < 0) end = text.length;
  if (text[end - 1] === '\r') end--;
  if (edits.isInsideEdit(start, end)) return;

  const indent = lineIndentAt(text, scope.statement.getStart(file));
  const unit = ctx.indentUnit(file);
  const name = scope.name.text;
  const withTrace = ctx.runtimeName(file, 'withTrace');
  const semicolon = usesSemicolons(file) ? ';' : '';
  const context = traceContextLiteral(ctx.config.idField, wrap.id ? wrap.id.getText(file) : name);

  // `return f(x);` alone: `return withTrace({ … }, () => f(x));`
  const only = scope.rest.length === 1 ? scope.rest[0]! : undefined;
  if (only && ts.isReturnStatement(only) && only.expression && !scope.awaits && !hasComments(text, start, only.getStart(file))) {
    const value = edits.render(only.expression.getStart(file), only.expression.end);
    const concise = ts.isObjectLiteralExpression(only.expression) ? `(${value})` : value;
    const replacement = `${indent}return ${withTrace}(${context}, () => ${concise})${semicolon}`;
    edits.add(start, end, replacement, [...wrap.owners, ...edits.ownersWithin(start, end)]);
    ctx.counts.originsWrapped++;
    return;
  }

  const protectedStarts = literalLineStarts(scope.rest, file);
  const keyword = scope.returns ? 'return ' : scope.awaits ? 'await ' : '';
  const head = `${indent}${keyword}${withTrace}(${context}, ${scope.awaits ? 'async ' : ''}() => {${eol}`;
  const tail = `${eol}${indent}})${semicolon}`;
  const isProtected = (offset: number) => protectedStarts.has(offset);
  edits.addIndented(start, end, { head, tail, unit, isProtected }, [...wrap.owners, ...edits.ownersWithin(start, end)]);
  ctx.counts.originsWrapped++;
}

function hasComments(text: string, from: number, to: number): boolean {
  return /\/\/|\/\*/.test(text.slice(from, to));
}

/** Line starts that lie inside a multi-line string or template literal (their text must not move). */
function literalLineStarts(nodes: readonly ts.Node[], file: ts.SourceFile): Set<number> {
  const out = new Set<number>();
  const text = file.text;
  for (const root of nodes) {
    walk(root, (node) => {
      const isLiteralToken =
        ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node) || ts.isStringLiteral(node);
      if (isLiteralToken) {
        const start = node.getStart(file);
        for (let i = text.indexOf('\n', start); i >= 0 && i < node.end - 1; i = text.indexOf('\n', i + 1)) out.add(i + 1);
      }
      return true;
    });
  }
  return out;
}
