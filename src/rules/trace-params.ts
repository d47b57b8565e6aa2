// trace-params: removes each migrated trace parameter from every declaration of its group
// (functions, methods, signatures, overloads, listeners), the argument at that position from
// every call site, JSDoc `@param` tags naming it, and aliases (`const rid = reqId ?? 'x'`)
// that nothing reads any more. A callback's unused parameters that only the id kept from being
// last go too (lint's no-unused-vars would report them: see unused-trailing-params.ts).
import { ts } from '../syntax/typescript.js';
import type { FunctionLike } from '../syntax/function-likes.js';
import { listDeletionRanges, statementLinesRange } from './list-deletion.js';
import { unusedParamsLeftTrailing } from './unused-trailing-params.js';
import type { Rule, RuleContext } from './rule.js';
import type { EditUnit } from '../syntax/edit-unit.js';

export const traceParams: Rule = {
  id: 'trace-params',
  description: 'Removes trace-id parameters from every declaration that must change together, and the argument from every call site.',
  apply(ctx: RuleContext): void {
    removeArguments(ctx);
    removeParameters(ctx);
    removeListMembers(ctx);
    removeUnusedImports(ctx);
    ctx.counts.paramsRemoved += ctx.model.bindingRemovals.length;
    ctx.counts.callSitesUpdated += ctx.model.propertyRemovals.length;
    removeTypeMembers(ctx);
    removeAliases(ctx);
  },
};

/** The removed parameters' arguments at every call site (a call may pass fewer arguments). */
function removeArguments(ctx: RuleContext): void {
  const argsByCall = new Map<ts.CallExpression, { indexes: Set<number>; owners: EditUnit[] }>();
  for (const removal of ctx.model.argRemovals) {
    const entry = argsByCall.get(removal.call) ?? { indexes: new Set(), owners: [] };
    entry.indexes.add(removal.argIndex);
    entry.owners.push(removal.owner);
    argsByCall.set(removal.call, entry);
  }
  for (const [call, { indexes, owners }] of argsByCall) {
    const file = call.getSourceFile();
    const edits = ctx.edits(file);
    const present = [...indexes].filter((i) => i < call.arguments.length);
    for (const range of listDeletionRanges(call.arguments, new Set(present), file)) edits.add(range.start, range.end, '', owners);
    if (present.length > 0) ctx.counts.callSitesUpdated++;
  }
}

/** The parameters, the unused ones they kept from being last, and their JSDoc tags. */
function removeParameters(ctx: RuleContext): void {
  const paramsByFn = new Map<FunctionLike, { params: ts.ParameterDeclaration[]; owners: EditUnit[] }>();
  for (const removal of ctx.model.paramRemovals) {
    const entry = paramsByFn.get(removal.fn) ?? { params: [], owners: [] };
    entry.params.push(removal.param);
    entry.owners.push(removal.owner);
    paramsByFn.set(removal.fn, entry);
  }
  for (const [fn, { params, owners }] of paramsByFn) {
    const file = fn.getSourceFile();
    const edits = ctx.edits(file);
    const indexes = new Set(params.map((p) => fn.parameters.indexOf(p)));
    const leftUnused = unusedParamsLeftTrailing(fn, indexes).map((i) => fn.parameters[i]!);
    for (const param of leftUnused) indexes.add(fn.parameters.indexOf(param));
    const bareArrowParam = ts.isArrowFunction(fn) && fn.parameters.length === 1 && !hasParenthesizedParameters(fn, file);
    if (bareArrowParam) {
      const only = fn.parameters[0]!;
      edits.add(only.getStart(file), only.end, '()', owners);
    } else {
      for (const range of listDeletionRanges(fn.parameters, indexes, file)) edits.add(range.start, range.end, '', owners);
    }
    for (const param of [...params, ...leftUnused]) removeJsDocParamTags(param, fn, file, edits, owners);
    ctx.counts.paramsRemoved += params.length;
  }
}

/** Destructured ids, object properties and log fields, grouped per list so commas come out right. */
function removeListMembers(ctx: RuleContext): void {
  const byList = new Map<ts.NodeArray<ts.Node>, { indexes: Set<number>; owners: EditUnit[]; file: ts.SourceFile }>();
  const removeFromList = (list: ts.NodeArray<ts.Node>, node: ts.Node, owner: EditUnit) => {
    const entry = byList.get(list) ?? { indexes: new Set<number>(), owners: [], file: node.getSourceFile() };
    entry.indexes.add(list.indexOf(node));
    entry.owners.push(owner);
    byList.set(list, entry);
  };
  for (const { binding, owner } of ctx.model.bindingRemovals) removeFromList((binding.parent as ts.ObjectBindingPattern).elements, binding, owner);
  for (const { element, owner } of ctx.model.propertyRemovals) removeFromList((element.parent as ts.ObjectLiteralExpression).properties, element, owner);
  for (const { element, owner } of ctx.model.logMemberDrops) removeFromList((element.parent as ts.ObjectLiteralExpression).properties, element, owner);
  for (const [list, { indexes, owners, file }] of byList) {
    const edits = ctx.edits(file);
    for (const range of listDeletionRanges(list, indexes, file)) edits.add(range.start, range.end, '', owners);
  }
}

/** A decorator only the removed parameters used: its import specifier (or the whole import) goes. */
function removeUnusedImports(ctx: RuleContext): void {
  const byImport = new Map<ts.NamedImports, { indexes: Set<number>; owners: EditUnit[] }>();
  for (const { specifier, owners } of ctx.model.importRemovals) {
    const entry = byImport.get(specifier.parent) ?? { indexes: new Set<number>(), owners: [] };
    entry.indexes.add(specifier.parent.elements.indexOf(specifier));
    entry.owners.push(...owners);
    byImport.set(specifier.parent, entry);
  }
  for (const [named, { indexes, owners }] of byImport) {
    const file = named.getSourceFile();
    const declaration = named.parent.parent;
    const whole = indexes.size === named.elements.length && !named.parent.name;
    const ranges = whole ? [statementLinesRange(declaration, file)] : listDeletionRanges(named.elements, indexes, file);
    for (const range of ranges) ctx.edits(file).add(range.start, range.end, '', owners);
  }
}

/** Id members of the types that carried the id. */
function removeTypeMembers(ctx: RuleContext): void {
  for (const { member, owner } of ctx.model.typeMemberRemovals) {
    const file = member.getSourceFile();
    const range = typeMemberRange(member, file);
    ctx.edits(file).add(range.start, range.end, '', owner);
  }
}

/** Aliases of the id (`const rid = reqId ?? 'x'`) that nothing reads any more. */
function removeAliases(ctx: RuleContext): void {
  for (const { alias, owner } of ctx.model.aliasRemovals) {
    const declaration = alias.declaration;
    const list = declaration.parent as ts.VariableDeclarationList;
    const file = declaration.getSourceFile();
    const edits = ctx.edits(file);
    if (list.declarations.length === 1) {
      const range = statementLinesRange(list.parent, file);
      edits.add(range.start, range.end, '', owner);
    } else {
      const index = list.declarations.indexOf(declaration);
      for (const range of listDeletionRanges(list.declarations, new Set([index]), file)) edits.add(range.start, range.end, '', owner);
    }
  }
}

/** A member on its own line goes with its line; one of several on a line goes with the space before it. */
function typeMemberRange(member: ts.TypeElement, file: ts.SourceFile): { start: number; end: number } {
  const lines = statementLinesRange(member, file);
  if (lines.start !== member.getStart(file)) return lines;
  const members = (member.parent as ts.InterfaceDeclaration | ts.TypeLiteralNode).members;
  const index = members.indexOf(member);
  if (index > 0) return { start: members[index - 1]!.end, end: member.end };
  const next = members[index + 1];
  return { start: member.getStart(file), end: next ? next.getStart(file) : member.end };
}

function hasParenthesizedParameters(fn: ts.ArrowFunction, file: ts.SourceFile): boolean {
  const first = fn.parameters[0];
  if (!first) return true;
  return file.text.slice(fn.getStart(file), first.getStart(file)).includes('(');
}

/** Deletes ` * @param {string} reqId …` lines (through the tag's description lines). */
function removeJsDocParamTags(param: ts.ParameterDeclaration, fn: FunctionLike, file: ts.SourceFile, edits: ReturnType<RuleContext['edits']>, owners: EditUnit[]): void {
  if (!ts.isIdentifier(param.name)) return;
  const name = param.name.text;
  for (const doc of ts.getJSDocCommentsAndTags(fn)) {
    if (!ts.isJSDoc(doc)) continue;
    const tags = doc.tags ?? [];
    tags.forEach((tag, i) => {
      if (!ts.isJSDocParameterTag(tag) || tag.name.getText(file) !== name) return;
      const text = file.text;
      const lineStart = text.lastIndexOf('\n', tag.getStart(file) - 1) + 1;
      const next = tags[i + 1];
      const end = next ? text.lastIndexOf('\n', next.getStart(file) - 1) + 1 : text.lastIndexOf('\n', doc.end - 1) + 1;
      if (end > lineStart && !edits.isInsideEdit(lineStart, end)) edits.add(lineStart, end, '', owners);
    });
  }
}
