// What the rules will do, derived from the facts and the decisions: which parameters and
// arguments go, which references read the context instead, which origins get a context.
// Still no text: the rules turn this into edits.
import { ts } from '../syntax/typescript.js';
import type { Decision } from './decide.js';
import type { Component, Facts, Reason, Slot } from './facts.js';
import { enclosingFunction, unwrapExpression, walk, type FunctionLike } from '../syntax/function-likes.js';
import { needsDefinedValue, type Alias, type ComputedLocal } from './param-uses.js';
import { labelLocalsOf, labelOf, type LabelLocal } from './label-locals.js';
import { referencesWithin, restScopeOf, type RestScope } from './origin-scopes.js';
import type { AsyncHook } from './middleware-stores.js';
import { originUnit, traceParamsUnit, type EditUnit } from '../syntax/edit-unit.js';
import { pushTo } from '../syntax/multimap.js';

export interface ContextRead {
  reference: ts.Identifier;
  /** The removed parameter (or destructured binding): its default and type shape the read. */
  declaration: ts.ParameterDeclaration | ts.BindingElement;
  /** The position does not accept `undefined` (TS gets `traceId()!` for a required parameter). */
  needsDefined: boolean;
  owner: EditUnit;
}

export interface InlineWrap {
  call: ts.CallExpression;
  /** The expression that becomes the context's id. */
  id: ts.Expression;
  owner: EditUnit;
  /** `next()` of a middleware: the call becomes `withTrace({ … }, next)`. */
  handOn?: boolean;
  /**
   * The origin is also the argument of a parameter that keeps the id: inside the context that
   * argument reads `traceId()` (the same value; `!` where the parameter's type needs a string).
   */
  keptArgument?: { expression: ts.Expression; needsDefined: boolean };
}

/** A Fastify async hook that stores the id: it becomes a `done` hook that hands on inside the context. */
export interface HookHandOn {
  hook: AsyncHook;
  id: ts.Expression;
  owner: EditUnit;
}

export interface ScopeWrap {
  scope: RestScope;
  owners: EditUnit[];
  /** The context's id when it is not the scope's local itself: `item.reqId` for a queue item. */
  id?: ts.PropertyAccessExpression;
}

export interface PlanModel {
  migrated: Component[];
  paramRemovals: { fn: FunctionLike; param: ts.ParameterDeclaration; owner: EditUnit }[];
  argRemovals: { call: ts.CallExpression; argIndex: number; owner: EditUnit }[];
  /** Destructured ids: the binding from each pattern, the property from each passed object, the type member. */
  bindingRemovals: { binding: ts.BindingElement; owner: EditUnit }[];
  propertyRemovals: { element: ts.ObjectLiteralElementLike; owner: EditUnit }[];
  typeMemberRemovals: { member: ts.TypeElement; owner: EditUnit }[];
  contextReads: ContextRead[];
  aliasRemovals: { alias: Alias; owner: EditUnit | readonly EditUnit[] }[];
  inlineWraps: InlineWrap[];
  hookHandOns: HookHandOn[];
  scopeWraps: ScopeWrap[];
  /** Expressions that denote the request's trace id inside log calls (dropped from messages). */
  traceIdReferences: Set<ts.Node>;
  /**
   * Mentions, in log calls, of a local that is label text around the id (`const tag = `[${reqId}]``):
   * the message takes the local's text in its place (see label-locals.ts).
   */
  logExpansions: Map<ts.Identifier, ts.Expression>;
  /** Properties carrying the id in objects a log call takes as a value (`{ reqId, ms }`): removed. */
  logMemberDrops: { element: ts.ObjectLiteralElementLike; owner: EditUnit }[];
  /**
   * Log calls that print a kept id whose origin cannot run in a context (the call awaits in its
   * arguments, the block cannot be wrapped): converted, they would lose the id, so they stay, with why.
   */
  logsLeftAlone: Map<ts.CallExpression, string>;
  /** Imports only removed parameters used (a decorator, a type, a default value: see planUnusedImports), with the removals' owners. */
  importRemovals: { specifier: ts.ImportSpecifier; owners: EditUnit[] }[];
  /** Components that turned out impossible while deriving (re-decide with them excluded). */
  newExclusions: Map<string, Reason>;
}

export function derivePlanModel(facts: Facts, decisions: Map<Component, Decision>): PlanModel {
  const model = emptyModel();
  const scopeWraps = new Map<ts.Identifier, ScopeWrap>();
  const queueScopes = planQueueItemScopes(model, facts);
  const storedReads = storedIdReadsInContext(facts);
  for (const [component, decision] of decisions) {
    if (!decision.migrate) continue;
    model.migrated.push(component);
    const owner = traceParamsUnit(component.key);
    const { kept } = decision;
    for (const slot of component.slots) {
      if (kept.has(slot)) continue;
      planDeclarations(model, slot, owner);
      planIncomingValues(model, slot, component, owner, { scopeWraps, queueScopes, kept, storedReads });
      planUses(model, slot, facts, owner, kept);
    }
  }
  planKeptSlotOrigins(model, facts, decisions, scopeWraps);
  planUnusedImports(model, facts);
  planOriginLocalScopes(model, facts, scopeWraps);
  planStoredIds(model, facts, queueScopes);
  dropWholeLogObjects(model);
  return model;
}

function emptyModel(): PlanModel {
  return {
    migrated: [],
    paramRemovals: [],
    argRemovals: [],
    bindingRemovals: [],
    propertyRemovals: [],
    typeMemberRemovals: [],
    contextReads: [],
    aliasRemovals: [],
    inlineWraps: [],
    hookHandOns: [],
    scopeWraps: [],
    traceIdReferences: new Set(),
    logExpansions: new Map(),
    logMemberDrops: [],
    logsLeftAlone: new Map(),
    importRemovals: [],
    newExclusions: new Map(),
  };
}

/**
 * A queue consumer handles each item in that item's context, never in the context of whoever
 * started it. Returns the item's id reads (`item.reqId`) with their scope.
 */
function planQueueItemScopes(model: PlanModel, facts: Facts): Map<ts.Node, ScopeWrap> {
  const queueScopes = new Map<ts.Node, ScopeWrap>();
  for (const { declaration, name, field } of facts.queueItems) {
    const scope = scopeOf(declaration, name);
    if (!scope) continue;
    const reads = referencesWithin(facts.checker, name, scope.rest);
    const idRead = reads.map((ref) => ref.parent).find((p): p is ts.PropertyAccessExpression => ts.isPropertyAccessExpression(p) && p.expression !== undefined && p.name.text === field);
    // Already migrated: the id is read for a `withTrace({ … })` context.
    if (!idRead || isInsideWithTrace(idRead)) continue;
    const wrap: ScopeWrap = { scope, owners: [originUnit(declaration.getSourceFile().fileName, name.pos)], id: idRead };
    for (const ref of reads) {
      const access = ref.parent;
      if (ts.isPropertyAccessExpression(access) && access.expression === ref && access.name.text === field) queueScopes.set(access, wrap);
    }
    model.scopeWraps.push(wrap);
  }
  return queueScopes;
}

/** The parameter (or destructured binding) of every member, and the type members describing it. */
function planDeclarations(model: PlanModel, slot: Slot, owner: EditUnit): void {
  for (const { fn, param, binding } of slot.params) {
    if (slot.property === undefined) model.paramRemovals.push({ fn, param, owner });
    else if (binding) model.bindingRemovals.push({ binding, owner });
  }
  for (const member of slot.typeMembers) model.typeMemberRemovals.push({ member, owner });
}

interface IncomingContext {
  scopeWraps: Map<ts.Identifier, ScopeWrap>;
  queueScopes: ReadonlyMap<ts.Node, ScopeWrap>;
  /** Slots of the component that keep their id (decided by the analysis). */
  kept: ReadonlyMap<Slot, unknown>;
  /** Reads of an id a middleware stored (`req.reqId`): inside its context already. */
  storedReads: ReadonlySet<ts.Node>;
}

/**
 * What each call site passes: the argument (or object property) goes; where the id enters (an
 * origin, a literal), the call runs in a context — around the rest of the block for an origin local.
 */
function planIncomingValues(model: PlanModel, slot: Slot, component: Component, owner: EditUnit, around: IncomingContext): void {
  const { scopeWraps, queueScopes, kept, storedReads } = around;
  for (const { site, value, element, from } of slot.incoming) {
    const argIndex = slot.index + site.argOffset;
    if (value.kind === 'omitted') continue;
    if (element) model.propertyRemovals.push({ element, owner });
    else model.argRemovals.push({ call: site.call, argIndex, owner });
    if (value.kind === 'origin-local') {
      const scope = scopeOf(value.declaration, value.name);
      if (scope && isWithin(site.call, scope)) {
        const wrap = scopeWraps.get(value.name) ?? { scope, owners: [] };
        wrap.owners.push(owner);
        scopeWraps.set(value.name, wrap);
        continue;
      }
    }
    // `unproven` only reaches here when the name is forced a trace id: the value is where the id enters.
    // A kept parameter that may hold an id no context carries (see runsOutsideContext) is one too.
    const fromKept = !!from && kept.has(from) && runsOutsideContext(from, kept);
    // `handle(item.payload, item.reqId)` inside the item's own context: the argument just goes.
    if (value.kind === 'origin' && queueScopes.has(unwrapExpression(value.expression))) continue;
    // `load(order, req.reqId)` after a middleware stored it: the context carries that id already.
    if (value.kind === 'origin' && storedReads.has(unwrapExpression(value.expression))) continue;
    if (fromKept || value.kind === 'origin' || value.kind === 'literal' || value.kind === 'origin-local' || value.kind === 'unproven' || value.kind === 'business-local') {
      const problem = inlineWrapProblem(site.call);
      if (problem) {
        model.newExclusions.set(component.key, { node: site.call, text: problem, kind: 'manual' });
        continue;
      }
      model.inlineWraps.push({ call: site.call, id: value.expression, owner });
    }
  }
}

/**
 * References: log mentions stay for the log rule; passed values go with their argument; everything
 * else reads the context. Aliases nothing else reads go; a kept alias reads the context instead.
 */
function planUses(model: PlanModel, slot: Slot, facts: Facts, owner: EditUnit, kept: ReadonlyMap<Slot, unknown>): void {
  const keptAliases = new Set<Alias>();
  const readContext = (reference: ts.Identifier) => {
    const declaration = declarationOf(slot, reference);
    if (declaration) model.contextReads.push({ reference, declaration, needsDefined: needsDefinedValue(facts.checker, reference), owner });
  };
  const passTargets = new Map(slot.passes.map(({ use, to }) => [use, to]));
  const isLogPart = (reference: ts.Identifier) => isDirectLogPart(reference, facts.logValues);
  const removedLabelIds = new Set<ts.Node>();
  for (const label of labelLocalsOf(slot, isLogPart).values()) {
    planLabel(model, label, owner, isLogPart);
    if (label.removable) for (const id of label.idReferences) removedLabelIds.add(id);
  }
  for (const use of slot.uses) {
    // A local computed from the id is not the id: its mentions stay values (a label's are spelt out, above).
    if (use.computed) continue;
    if (removedLabelIds.has(use.reference)) continue;
    // Passing the id into a kept parameter is a use like any other: the call passes `traceId()`.
    const target = passTargets.get(use);
    const isEdge = use.kind === 'pass' && !(target && kept.has(target));
    // `console.log('done', { reqId, ms })`: the id's property goes, the record has the id already.
    const logMember = logObjectMember(use.reference, facts.logValues);
    if (logMember) {
      model.logMemberDrops.push({ element: logMember, owner });
      continue;
    }
    const isLogPart = isDirectLogPart(use.reference, facts.logValues);
    if (use.alias) {
      if (!isEdge && !isLogPart && !isAliasInitializer(use.reference, use.alias)) keptAliases.add(use.alias);
      if (isLogPart) model.traceIdReferences.add(use.reference);
      continue;
    }
    if (isLogPart) {
      model.traceIdReferences.add(use.reference);
      continue;
    }
    if (isEdge) continue;
    if (use.detail.startsWith('aliased as')) continue; // decided below, once aliases are known
    // A local computed from the id (`const key = \`lock:${reqId}\``) is not the id: its own
    // references stay; only the id's reference in its initializer reads the context.
    const declaration = declarationOf(slot, use.reference);
    if (declaration && !refersTo(facts.checker, use.reference, declaration)) continue;
    readContext(use.reference);
  }
  for (const alias of slot.aliases) {
    if (!keptAliases.has(alias)) {
      model.aliasRemovals.push({ alias, owner });
      continue;
    }
    // The alias stays; its initializer reads the context.
    for (const use of slot.uses) if (!use.alias && isAliasInitializer(use.reference, alias)) readContext(use.reference);
  }
}

/**
 * An origin whose id reaches a slot that keeps it (kept for its own use, or reached by a call the
 * analysis cannot link) gets its context all the same: the kept function's logs now read the
 * context, so the id they printed must be there. An origin local's block runs in it; an inline
 * origin's call runs in it and passes `traceId()` where the id was.
 */
function planKeptSlotOrigins(model: PlanModel, facts: Facts, decisions: Map<Component, Decision>, scopeWraps: Map<ts.Identifier, ScopeWrap>): void {
  // A function that logs the id, directly or through a call the analysis cannot link, reads the context.
  const logs = (slot: Slot) => slot.uses.some((use) => use.kind === 'log');
  const unlinkedTargets = new Map<ts.CallExpression, Slot[]>();
  for (const component of decisions.keys()) {
    for (const slot of component.slots) for (const { call } of slot.unlinkedIncoming) pushTo(unlinkedTargets, call, slot);
  }
  const readsContext = (slot: Slot) => logs(slot) || slot.uses.some((use) => use.passedTo && (unlinkedTargets.get(use.passedTo.call) ?? []).some(logs));
  for (const [component, decision] of decisions) {
    // No function the id reaches logs it: nothing would read the context.
    if (!decision.traceValue || !component.slots.some(readsContext)) continue;
    for (const slot of component.slots) {
      if (decision.migrate && !decision.kept.has(slot)) continue;
      const passed = [...slot.incoming.map(({ site, value }) => ({ call: site.call, value })), ...slot.unlinkedIncoming];
      for (const { call, value } of passed) {
        const file = call.getSourceFile();
        // Already in a context (a second run): the origin's wrap is there.
        if (!facts.editable.has(file.fileName) || runsInWithTrace(call)) continue;
        // `traceId()` passed on (a second run) is the context's own id: its context is already there.
        if (value.kind === 'origin' && readsTraceContext(value.expression)) continue;
        if (value.kind === 'origin-local') {
          const result = restScopeOf(value.declaration, value.name);
          const scope = 'scope' in result ? result.scope : undefined;
          if (!scope || !isWithin(call, scope)) {
            leaveKeptIdLogsAlone(model, facts, slot, call, 'scope' in result ? 'the call is not in the block after it' : result.refused);
            continue;
          }
          const wrap = scopeWraps.get(value.name) ?? { scope, owners: [] };
          wrap.owners.push(originUnit(file.fileName, value.name.pos));
          scopeWraps.set(value.name, wrap);
        } else if (value.kind === 'origin' && !model.inlineWraps.some((wrap) => wrap.call === call)) {
          const problem = inlineWrapProblem(call);
          if (problem) {
            leaveKeptIdLogsAlone(model, facts, slot, call, problem);
            continue;
          }
          const argument = unwrapExpression(value.expression);
          const needsDefined = !/\.[cm]?jsx?$/.test(file.fileName) && needsDefinedValue(facts.checker, value.expression);
          model.inlineWraps.push({ call, id: argument, owner: originUnit(file.fileName, call.pos), keptArgument: { expression: value.expression, needsDefined } });
        }
      }
    }
  }
}

/**
 * Imports that only removed parameters used: a decorator (`import { TraceId }` for
 * `@TraceId() reqId`), a type (`reqId: RequestId`), a default value (`reqId = randomUUID()`).
 * Left behind, each would be an unused import (a lint error, or TS6133 under noUnusedLocals,
 * which would refuse the migration).
 */
function planUnusedImports(model: PlanModel, facts: Facts): void {
  const removedIn = new Map<ts.SourceFile, { ranges: ts.Node[]; owners: EditUnit[]; names: ts.Identifier[] }>();
  for (const { param, owner } of model.paramRemovals) {
    const file = param.getSourceFile();
    const entry = removedIn.get(file) ?? { ranges: [], owners: [], names: [] };
    entry.ranges.push(param);
    entry.owners.push(owner);
    walk(param, (node) => {
      if (ts.isIdentifier(node) && node !== param.name && !(ts.isBindingElement(node.parent) && node.parent.name === node)) entry.names.push(node);
      return true;
    });
    removedIn.set(file, entry);
  }
  const done = new Set<ts.ImportSpecifier>();
  for (const [file, { ranges, owners, names }] of removedIn) {
    for (const name of names) {
      const symbol = facts.checker.getSymbolAtLocation(name);
      const specifier = symbol?.declarations?.find((d): d is ts.ImportSpecifier => ts.isImportSpecifier(d));
      if (!symbol || !specifier || done.has(specifier) || specifier.getSourceFile() !== file) continue;
      if (isUsedOutside(file, symbol, specifier, ranges, facts.checker)) continue;
      done.add(specifier);
      model.importRemovals.push({ specifier, owners });
    }
  }
}

/** Whether `symbol` (an import) is referenced in `file` outside `ranges` (a re-export counts). */
function isUsedOutside(file: ts.SourceFile, symbol: ts.Symbol, specifier: ts.ImportSpecifier, ranges: readonly ts.Node[], checker: ts.TypeChecker): boolean {
  const local = specifier.name.text;
  let used = false;
  walk(file, (node) => {
    if (used || node === specifier) return false;
    if (!ts.isIdentifier(node) || node.text !== local || ranges.some((range) => node.pos >= range.pos && node.end <= range.end)) return true;
    const parent = node.parent;
    if (ts.isExportSpecifier(parent)) used = true;
    else if (ts.isShorthandPropertyAssignment(parent) && parent.name === node) used = checker.getShorthandAssignmentValueSymbol(parent) === symbol;
    else used = checker.getSymbolAtLocation(node) === symbol;
    return !used;
  });
  return used;
}

/** The kept slot's log calls that print its id: without the origin's context they keep their text. */
function leaveKeptIdLogsAlone(model: PlanModel, facts: Facts, slot: Slot, origin: ts.CallExpression, problem: string): void {
  const where = `${origin.getSourceFile().fileName.split('/').pop()}:${origin.getSourceFile().getLineAndCharacterOfPosition(origin.getStart()).line + 1}`;
  for (const use of slot.uses) {
    if (!isDirectLogPart(use.reference, facts.logValues)) continue;
    const calls = facts.logCalls.get(use.reference.getSourceFile().fileName) ?? [];
    const log = calls.find(({ call }) => call.pos <= use.reference.pos && use.reference.end <= call.end);
    if (!log || model.logsLeftAlone.has(log.call)) continue;
    model.logsLeftAlone.set(
      log.call,
      `not converted: it prints \`${use.reference.text}\`, an id kept here that the call at ${where} passes from an origin that cannot run in a trace context (${problem}), so the record would lose it`,
    );
  }
}

/** Origin locals with a trace name that are logged get a context for the rest of their block. */
function planOriginLocalScopes(model: PlanModel, facts: Facts, scopeWraps: Map<ts.Identifier, ScopeWrap>): void {
  for (const { declaration, name } of facts.originLocals) {
    if (scopeWraps.has(name)) continue;
    const scope = scopeOf(declaration, name);
    if (!scope) continue;
    const logged = referencesWithin(facts.checker, name, scope.rest).some((ref) => isDirectLogPart(ref, facts.logValues));
    if (logged) scopeWraps.set(name, { scope, owners: [originUnit(declaration.getSourceFile().fileName, name.pos)] });
  }
  for (const [name, wrap] of scopeWraps) {
    model.scopeWraps.push(wrap);
    const references = referencesWithin(facts.checker, name, wrap.scope.rest);
    for (const ref of references) {
      if (isDirectLogPart(ref, facts.logValues)) model.traceIdReferences.add(ref);
    }
    planScopeLabels(model, facts, references, wrap);
  }
}

/**
 * Label locals of an origin local, in the block its context wraps (`const logPrefix = `[${requestId}]``):
 * spelt out in the messages like those of a parameter (label-locals.ts), and gone with the wrap
 * when only messages read them.
 */
function planScopeLabels(model: PlanModel, facts: Facts, idReferences: readonly ts.Identifier[], wrap: ScopeWrap): void {
  const isLogPart = (reference: ts.Identifier) => isDirectLogPart(reference, facts.logValues);
  const declarations = new Set(idReferences.flatMap((ref) => {
    const declaration = ts.findAncestor(ref, ts.isVariableDeclaration);
    return declaration && ts.isIdentifier(declaration.name) && declaration.initializer && ref.pos >= declaration.initializer.pos && wrap.scope.rest.includes(declaration.parent.parent as ts.Statement) ? [declaration] : [];
  }));
  for (const declaration of declarations) {
    const name = declaration.name as ts.Identifier;
    const mentions = referencesWithin(facts.checker, name, wrap.scope.rest).filter((ref) => ref !== name);
    const label = labelOf({ declaration: declaration as ComputedLocal['declaration'], references: mentions }, idReferences, isLogPart);
    if (label) planLabel(model, label, wrap.owners, isLogPart);
  }
}

/** A label's mentions in log messages spell out its text, the id in it is the id, and it goes when only messages read it. */
function planLabel(model: PlanModel, label: LabelLocal, owner: EditUnit | readonly EditUnit[], isLogPart: (reference: ts.Identifier) => boolean): void {
  for (const mention of label.local.references) if (isLogPart(mention)) model.logExpansions.set(mention, label.text);
  for (const id of label.idReferences) model.traceIdReferences.add(id);
  if (label.removable) model.aliasRemovals.push({ alias: label.local, owner });
}

/**
 * Middleware that stores the id runs the rest of the chain in its context; logging the stored id
 * (or a queue item's id inside its own context) is logging the context's.
 */
function planStoredIds(model: PlanModel, facts: Facts, queueScopes: ReadonlyMap<ts.Node, ScopeWrap>): void {
  for (const { next, asyncHook, id } of facts.middlewareStores) {
    if (next) model.inlineWraps.push({ call: next, id, owner: originUnit(next.getSourceFile().fileName, next.pos), handOn: true });
    if (asyncHook) model.hookHandOns.push({ hook: asyncHook, id, owner: originUnit(asyncHook.fn.getSourceFile().fileName, asyncHook.fn.pos) });
  }
  for (const access of queueScopes.keys()) {
    if (isDirectLogPart(access, facts.logValues)) model.traceIdReferences.add(access);
  }
  // Not inside the middleware itself: it stores the id before the context starts.
  for (const read of storedIdReadsInContext(facts)) {
    if (isDirectLogPart(read, facts.logValues)) model.traceIdReferences.add(read);
  }
}

/** An object left with nothing but the id is the id itself: the log rule drops the whole value. */
function dropWholeLogObjects(model: PlanModel): void {
  const dropsByObject = new Map<ts.Node, number>();
  for (const { element } of model.logMemberDrops) dropsByObject.set(element.parent, (dropsByObject.get(element.parent) ?? 0) + 1);
  for (const [object, count] of dropsByObject) {
    if ((object as ts.ObjectLiteralExpression).properties.length === count) model.traceIdReferences.add(object);
  }
  model.logMemberDrops = model.logMemberDrops.filter(({ element }) => !model.traceIdReferences.has(element.parent));
}

/** Reads of a stored id outside the middleware that stores it (its own body runs before the context). */
function storedIdReadsInContext(facts: Facts): Set<ts.Node> {
  const middleware = facts.middlewareStores.map(({ next, asyncHook }) => asyncHook?.fn ?? (next && enclosingFunction(next))).filter((fn): fn is NonNullable<typeof fn> => !!fn);
  return new Set(facts.storedIdReads.filter((read) => !middleware.some((fn) => fn.getSourceFile() === read.getSourceFile() && read.pos >= fn.pos && read.end <= fn.end)));
}

function scopeOf(declaration: ts.VariableDeclaration, name: ts.Identifier): RestScope | undefined {
  const result = restScopeOf(declaration, name);
  return 'scope' in result ? result.scope : undefined;
}

/** The property (`reqId` or `reqId: reqId`) of an object literal that a log call takes as a value. */
function logObjectMember(reference: ts.Node, logValues: ReadonlyMap<ts.Node, unknown>): ts.ObjectLiteralElementLike | undefined {
  const parent = reference.parent;
  const element = ts.isShorthandPropertyAssignment(parent) && parent.name === reference ? parent : ts.isPropertyAssignment(parent) && parent.initializer === reference ? parent : undefined;
  if (!element || !ts.isObjectLiteralExpression(element.parent) || !logValues.has(element.parent)) return undefined;
  return element;
}

/**
 * Whether a kept slot's function may run without its id in the context: a caller passes it
 * something other than a migrated caller's id (an origin, a kept caller's id, nothing), or calls
 * the analysis cannot see may reach it. Its calls into migrated functions then establish the
 * context themselves (`withTrace({ correlationId: reqId }, () => next(…))`).
 */
function runsOutsideContext(slot: Slot, kept: ReadonlyMap<Slot, unknown>): boolean {
  if (slot.blockers.length > 0 || slot.incoming.length === 0) return true;
  return slot.incoming.some(({ from }) => !from || kept.has(from));
}

/** Whether `node` is inside the callback of a `withTrace(…)` call (in its own function or any enclosing one). */
function runsInWithTrace(node: ts.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isCallExpression(current) && /(^|\.)withTrace$/.test(current.expression.getText())) return true;
  }
  return false;
}

/** `traceId()` / `trace.traceId()` (with or without `!`): a read of the runtime module's context. */
function readsTraceContext(expression: ts.Expression): boolean {
  const value = unwrapExpression(expression);
  return ts.isCallExpression(value) && value.arguments.length === 0 && /(^|\.)traceId$/.test(value.expression.getText());
}

function isInsideWithTrace(node: ts.Node): boolean {
  for (let current = node.parent; current && !ts.isBlock(current); current = current.parent) {
    if (ts.isCallExpression(current) && current.expression.getText() === 'withTrace') return true;
  }
  return false;
}

function isWithin(node: ts.Node, scope: RestScope): boolean {
  const first = scope.rest[0]!;
  const last = scope.rest[scope.rest.length - 1]!;
  return node.pos >= first.pos && node.end <= last.end;
}

/** Inline wraps put the call in an arrow: an `await`/`yield` among its arguments cannot move. */
function inlineWrapProblem(call: ts.CallExpression): string | undefined {
  let problem: string | undefined;
  const visit = (node: ts.Node): void => {
    if (problem || ts.isFunctionLike(node)) return;
    if (ts.isAwaitExpression(node)) problem = 'an argument of the call that receives the origin awaits';
    if (ts.isYieldExpression(node)) problem = 'an argument of the call that receives the origin yields';
    ts.forEachChild(node, visit);
  };
  call.arguments.forEach(visit);
  visit(call.expression);
  return problem;
}

/**
 * True when `reference` is (modulo parentheses, a literal fallback and stringification) one of the
 * values a convertible log call takes over: the log rule then drops it or shows it as the context's
 * id. Any other mention — in a call the rule leaves alone, or inside a larger value — is rewritten
 * by context-reads, so no log call is left mentioning a removed id.
 */
export function isDirectLogPart(reference: ts.Node, logValues: ReadonlyMap<ts.Node, unknown>): boolean {
  let node: ts.Node = reference;
  for (;;) {
    const parent = node.parent;
    if (!parent) return false;
    if (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent) || ts.isAsExpression(parent)) {
      node = parent;
      continue;
    }
    if (ts.isBinaryExpression(parent) && parent.left === node && (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      const right = unwrapExpression(parent.right);
      if (ts.isStringLiteral(right) || ts.isNoSubstitutionTemplateLiteral(right) || ts.isNumericLiteral(right)) {
        node = parent;
        continue;
      }
    }
    if (ts.isCallExpression(parent) && parent.expression !== node && parent.arguments[0] === node) {
      // String(x) / JSON.stringify(x, …) around the id (as the log core unwraps them).
      const callee = parent.expression.getText();
      if ((callee === 'String' && parent.arguments.length === 1) || callee === 'JSON.stringify') {
        node = parent;
        continue;
      }
    }
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node && parent.name.text === 'toString' && ts.isCallExpression(parent.parent) && parent.parent.expression === parent && parent.parent.arguments.length === 0) {
      node = parent.parent; // x.toString()
      continue;
    }
    break;
  }
  return logValues.has(unwrapExpression(node as ts.Expression));
}

function isAliasInitializer(reference: ts.Node, alias: Alias): boolean {
  const init = alias.declaration.initializer;
  return !!init && reference.pos >= init.pos && reference.end <= init.end;
}

/** Whether `reference` (an identifier or a shorthand property's name) names `declaration` itself. */
function refersTo(checker: ts.TypeChecker, reference: ts.Identifier, declaration: ts.ParameterDeclaration | ts.BindingElement): boolean {
  const symbol = ts.isShorthandPropertyAssignment(reference.parent) && reference.parent.name === reference
    ? checker.getShorthandAssignmentValueSymbol(reference.parent)
    : checker.getSymbolAtLocation(reference);
  return symbol !== undefined && symbol === checker.getSymbolAtLocation(declaration.name);
}

/** The parameter (or binding) of the slot member whose body holds `reference`. */
function declarationOf(slot: Slot, reference: ts.Node): ts.ParameterDeclaration | ts.BindingElement | undefined {
  const owner = enclosingOwner(reference, slot.params.map((p) => p.fn));
  const entry = slot.params.find((p) => p.fn === owner);
  return entry && (entry.binding ?? entry.param);
}

function enclosingOwner(node: ts.Node, candidates: readonly FunctionLike[]): FunctionLike | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if ((candidates as readonly ts.Node[]).includes(current)) return current as FunctionLike;
  }
  return undefined;
}
