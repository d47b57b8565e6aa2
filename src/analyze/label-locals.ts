// Labels: locals that are literal text around the id (`const tag = `[${reqId}] [Orders]``). A log
// message that mentions one spells its text out (the id in it then goes like the id itself, and
// `[Orders]` stays), so a label only messages read goes with the migration; left behind, it would
// be an unused local. Any other value computed from the id stays a value of its own.
import { ts } from '../syntax/typescript.js';
import { isConstDeclaration } from '../syntax/declarations.js';
import type { Slot } from './facts.js';
import type { ComputedLocal } from './param-uses.js';

/** A local computed from the id that is constant text around it, and whether only log messages read it. */
export interface LabelLocal {
  local: ComputedLocal;
  /** What a message spells out at a mention: the initializer, or its label when the id is present. */
  text: ts.Expression;
  /** The parameter's references in its initializer. */
  idReferences: ts.Identifier[];
  /** Every reference is a log message's part: the messages spell its text out, so it goes. */
  removable: boolean;
}

/**
 * The slot's label locals: `const tag = `[${reqId}]``, `const prefix = 'req ' + reqId + ' [Orders]'`,
 * `const prefix = reqId ? `[${reqId}] ` : ''`: a `const` whose initializer is literal text and the
 * parameter itself, nothing else (so its text is known at every mention, and dropping it loses
 * nothing but the id, which every record has).
 */
export function labelLocalsOf(slot: Slot, isLogPart: (reference: ts.Identifier) => boolean): Map<ComputedLocal, LabelLocal> {
  const idReferences = slot.uses.filter((use) => !use.alias && !use.computed).map((use) => use.reference);
  const labels = new Map<ComputedLocal, LabelLocal>();
  for (const local of new Set(slot.uses.flatMap((use) => (use.computed ? [use.computed] : [])))) {
    const label = labelOf(local, idReferences, isLogPart);
    if (label) labels.set(local, label);
  }
  return labels;
}

/** `local` as a label, given every reference to the id in its scope; undefined when it is not one. */
export function labelOf(local: ComputedLocal, idReferences: readonly ts.Identifier[], isLogPart: (reference: ts.Identifier) => boolean): LabelLocal | undefined {
  const initializer = local.declaration.initializer;
  if (!initializer || !isConstDeclaration(local.declaration)) return undefined;
  const inInitializer = idReferences.filter((reference) => reference.pos >= initializer.pos && reference.end <= initializer.end);
  const text = inInitializer.length > 0 ? labelTextOf(initializer, new Set(inInitializer)) : undefined;
  if (!text) return undefined;
  return { local, text, idReferences: inInitializer, removable: local.references.length > 0 && local.references.every(isLogPart) };
}

/**
 * The label text of an initializer: itself when it is label text; `label` for `id ? label : ''`
 * (no id, no prefix: the message's text without the id is the same either way).
 */
function labelTextOf(initializer: ts.Expression, ids: ReadonlySet<ts.Node>): ts.Expression | undefined {
  const e = skipParentheses(initializer);
  if (ts.isConditionalExpression(e)) {
    const whenFalse = skipParentheses(e.whenFalse);
    const empty = isTextLiteral(whenFalse) && (whenFalse as ts.StringLiteral).text === '';
    return ids.has(skipParentheses(e.condition)) && empty && isLabelText(e.whenTrue, ids) ? e.whenTrue : undefined;
  }
  return isLabelText(e, ids) ? initializer : undefined;
}

/** Literal text and `ids`, concatenated: a template, or a `+` chain that is a string from its first two operands. */
function isLabelText(expression: ts.Expression, ids: ReadonlySet<ts.Node>): boolean {
  const e = skipParentheses(expression);
  if (isTextLiteral(e) || ts.isNumericLiteral(e) || ids.has(e)) return true;
  if (ts.isTemplateExpression(e)) return e.templateSpans.every((span) => isLabelText(span.expression, ids));
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.PlusToken) return false;
  const operands: ts.Expression[] = [];
  let current: ts.Expression = e;
  while (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    operands.unshift(current.right);
    current = current.left;
  }
  operands.unshift(current);
  // `reqId + 1 + ']'` adds before it concatenates: one of the first two must be text.
  const concatenates = operands.slice(0, 2).some((operand) => isTextLiteral(skipParentheses(operand)) || ts.isTemplateExpression(skipParentheses(operand)));
  return concatenates && operands.every((operand) => isLabelText(operand, ids));
}

function isTextLiteral(node: ts.Node): boolean {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
}

function skipParentheses(expression: ts.Expression): ts.Expression {
  let e = expression;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}
