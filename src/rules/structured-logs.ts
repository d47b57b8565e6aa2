// structured-logs: `console.*` calls become `log.<level>(message, fields)` on the emitted
// facade — constant message with `{placeholders}`, named fields, the id prefix dropped. The
// rewrite itself is the parser-neutral core in log-core/; this file describes TypeScript calls.
import { ts } from 'ts-morph';
import { consoleMethodOf } from '../analyze/log-calls.js';
import { unwrapExpression } from '../analyze/function-likes.js';
import { buildStructuredLog, type LogCallDescription } from './log-core/structured-log.js';
import { renderStructuredLogCall } from './log-core/render-structured-log.js';
import type { ValueShape } from './log-core/value-shape.js';
import type { FileEdits } from '../plan/file-edits.js';
import { preferredQuoteOf } from './source-layout.js';
import { importSyntaxOf } from '../apply/module-style.js';
import type { Rule, RuleContext } from './rule.js';

export const MAX_LINE_LENGTH = 100;

export const structuredLogs: Rule = {
  id: 'structured-logs',
  description: 'Interpolated `console.*` calls become `log.<level>(message, fields)` with a constant message and named fields.',
  apply(ctx: RuleContext): void {
    for (const [path, calls] of ctx.facts.logCalls) {
      const file = ctx.facts.editable.get(path)!.sourceFile;
      const edits = ctx.edits(file);
      const quote = preferredQuoteOf(file);
      if (isGlobalScript(file)) {
        // An import would turn the script into a module and hide the globals it declares.
        for (const call of calls) {
          ctx.findings.push({ ruleId: 'structured-logs', kind: 'manual', node: call, message: 'not converted: this file is a script (no import or export), and importing the log facade would make it a module, hiding its globals' });
        }
        continue;
      }
      // Inner calls first (a console call inside another's argument is rare but legal).
      for (const call of [...calls].sort((a, b) => b.getStart(file) - a.getStart(file))) {
        if (edits.isInsideEdit(call.getStart(file), call.end)) continue;
        const description = describeConsoleCall(call, edits, ctx);
        if (!description) {
          ctx.findings.push({ ruleId: 'structured-logs', kind: 'manual', node: call, message: 'console call with spread arguments left as is' });
          continue;
        }
        const start = call.getStart(file);
        if (ctx.isExcluded(`log:${path}:${start}`)) continue;
        const log = buildStructuredLog(description, { idField: ctx.config.idField });
        if (!log.interpolated && ctx.config.logScope === 'interpolated') continue;
        const text = renderStructuredLogCall(log, {
          facade: ctx.runtimeName(file, 'log'),
          quote: quoteOfCall(call) ?? quote,
          indent: ctx.indentAt(file, start),
          indentUnit: ctx.indentUnit(file),
          eol: ctx.facts.editable.get(path)!.source.eol,
          column: columnAfterShift(ctx, file, start),
          maxLineLength: MAX_LINE_LENGTH,
        });
        edits.add(start, call.end, text, [`log:${path}:${start}`, ...edits.ownersWithin(start, call.end)]);
        ctx.counts.logsConverted++;
      }
    }
  },
};

/** Describes a console call for the core, or undefined when its shape is not supported. */
export function describeConsoleCall(call: ts.CallExpression, edits: FileEdits, ctx: Pick<RuleContext, 'model' | 'facts'>): LogCallDescription | undefined {
  const method = consoleMethodOf(call);
  if (!method || call.arguments.some((a) => ts.isSpreadElement(a))) return undefined;
  const file = call.getSourceFile();
  const shape = (expr: ts.Expression): ValueShape => shapeOf(expr, file, edits, ctx);
  const [first, ...rest] = call.arguments;
  const description: LogCallDescription = { method, message: [], messageIsString: false, extraArgs: rest.map(shape) };
  if (!first) return description;
  const flattened = flattenMessage(first);
  if (flattened) {
    description.messageIsString = true;
    for (const part of flattened) description.message.push(typeof part === 'string' ? { text: part } : { value: shape(part) });
  } else {
    description.message.push({ value: shape(first) });
  }
  return description;
}

/**
 * The first argument as text and values when it is a string: a literal, a template, or a `+`
 * chain that is a string from its first operands on (`a + b + 'x'` adds numbers first: kept whole).
 */
function flattenMessage(expr: ts.Expression): Array<string | ts.Expression> | undefined {
  const e = unwrapExpression(expr);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isTemplateExpression(e)) {
    const out: Array<string | ts.Expression> = [e.head.text];
    for (const span of e.templateSpans) out.push(span.expression, span.literal.text);
    return out;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const operands: ts.Expression[] = [];
    let current: ts.Expression = e;
    while (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      operands.unshift(current.right);
      current = current.left;
    }
    operands.unshift(current);
    const firstString = operands.findIndex((o) => flattenMessage(o) !== undefined);
    if (firstString < 0 || firstString > 1) return undefined;
    const out: Array<string | ts.Expression> = [];
    operands.forEach((operand) => {
      const inner = ts.isParenthesizedExpression(operand) ? undefined : flattenMessage(operand);
      if (inner) out.push(...inner);
      else out.push(operand);
    });
    return out;
  }
  return undefined;
}

function shapeOf(expr: ts.Expression, file: ts.SourceFile, edits: FileEdits, ctx: Pick<RuleContext, 'model' | 'facts'>): ValueShape {
  const e = unwrapExpression(expr);
  let bare = expr;
  while (ts.isParenthesizedExpression(bare)) bare = bare.expression;
  const code = edits.render(bare.getStart(file), bare.end);
  const base: ValueShape = { code, kind: 'other', isError: ctx.facts.errorExpressions.has(expr) || ctx.facts.errorExpressions.has(e), isTraceId: isTraceIdExpression(e, ctx) };
  const sub = (x: ts.Expression) => shapeOf(x, file, edits, ctx);
  if (ts.isIdentifier(e)) return { ...base, kind: 'identifier', name: e.text };
  if (e.kind === ts.SyntaxKind.ThisKeyword) return { ...base, kind: 'this' };
  if (ts.isPropertyAccessExpression(e)) return { ...base, kind: 'member', name: e.name.text, object: sub(e.expression) };
  if (ts.isElementAccessExpression(e) && (ts.isStringLiteral(e.argumentExpression) || ts.isNumericLiteral(e.argumentExpression))) {
    return { ...base, kind: 'member', name: e.argumentExpression.text, object: sub(e.expression) };
  }
  if (ts.isCallExpression(e)) return { ...base, kind: 'call', callee: sub(e.expression), args: e.arguments.map(sub) };
  if (ts.isAwaitExpression(e)) return { ...base, kind: 'await', object: sub(e.expression) };
  if (ts.isBinaryExpression(e)) return { ...base, kind: 'binary', operator: e.operatorToken.getText(file), left: sub(e.left), right: sub(e.right) };
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { ...base, kind: 'string', literal: e.text };
  if (ts.isNumericLiteral(e)) return { ...base, kind: 'number', literal: e.text };
  return base;
}

/** The id itself, possibly with a literal fallback or stringified. */
function isTraceIdExpression(expr: ts.Expression, ctx: Pick<RuleContext, 'model'>): boolean {
  let e = unwrapExpression(expr);
  for (;;) {
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      const right = unwrapExpression(e.right);
      if (ts.isStringLiteral(right) || ts.isNoSubstitutionTemplateLiteral(right) || ts.isNumericLiteral(right)) {
        e = unwrapExpression(e.left);
        continue;
      }
    }
    if (ts.isCallExpression(e) && e.arguments.length >= 1 && ['String', 'JSON.stringify'].includes(e.expression.getText())) {
      e = unwrapExpression(e.arguments[0]!);
      continue;
    }
    break;
  }
  return ts.isIdentifier(e) && ctx.model.traceIdReferences.has(e);
}

/** A file TypeScript treats as a global script (ESM syntax expected, but no import/export yet). */
function isGlobalScript(file: ts.SourceFile): boolean {
  return importSyntaxOf(file) === 'esm' && !ts.isExternalModule(file);
}

function quoteOfCall(call: ts.CallExpression): "'" | '"' | undefined {
  const first = call.arguments[0] && unwrapExpression(call.arguments[0]);
  if (first && ts.isStringLiteral(first)) {
    const raw = first.getText();
    return raw.startsWith('"') ? '"' : "'";
  }
  return undefined;
}

function columnAfterShift(ctx: RuleContext, file: ts.SourceFile, pos: number): number {
  const text = file.text;
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const original = text.slice(lineStart, pos).replace(/^[ \t]*/, '');
  return ctx.indentAt(file, pos).length + original.length;
}
