// Whole-program analysis: groups of declarations, their call sites, how each trace parameter
// is used and what each call passes. All type-checker work happens here, before any edit.
import { ts } from '../syntax/typescript.js';
import type { SourceText } from '../syntax/source-text.js';
import { slotParamName, type Component, type EditableFile, type Facts, type Slot } from './facts.js';
import { functionDisplayName, referenceNameNode, shortText, thisParamOffset, walk, type FunctionLike } from '../syntax/function-likes.js';
import { buildGroups, positionKey, type Group, type SlotPosition } from './groups.js';
import { bindingFor, passedProperty, propertyValue, typeMemberFor } from './destructured-slots.js';
import { classifyIncoming, originLocalOf, type IncomingContext } from './incoming-values.js';
import { collectLogCalls } from './log-calls.js';
import { consoleMethodOf } from '../syntax/console-calls.js';
import { ProjectLoggers } from './project-loggers.js';
import { findLogTextAssertions, isTestFile } from './log-text-assertions.js';
import { importedFiles } from './imported-files.js';
import { OriginRecognizer } from './origin-expressions.js';
import { collectParamUses, type IsLogCall } from './param-uses.js';
import { refuseOutsideImporters } from './outside-importers.js';
import { findReferences, type CallSite, type References } from './references.js';
import { findMiddlewareStores, readsStoredId, type MiddlewareStore } from './middleware-stores.js';
import { isStoredIdParam } from './injected-params.js';
import { findEventWiring, type EventWiring } from './event-listeners.js';
import { findPublicApis, type PublicApi } from './public-api.js';
import type { TraceNames } from './trace-names.js';
import { UnionFind } from './union-find.js';
import { pushTo } from '../syntax/multimap.js';

export interface AnalyzeInput {
  program: ts.Program;
  checker: ts.TypeChecker;
  /** Files the run may edit (discovered under the roots, parsed cleanly), by absolute path. */
  editableSources: Map<string, SourceText>;
  names: TraceNames;
  /**
   * Where to look for the package.json files whose entry points are public API: the first root's
   * package and every workspace package the files belong to (undefined: no check).
   */
  publicApiFrom?: readonly string[];
  /** Receiver names of the project's own loggers (default `logger`, `log`). */
  loggerNames?: readonly string[];
  /** The project's files outside the program (see project/outside-files.ts): a group one imports keeps its parameters. */
  outsideFiles?: readonly SourceText[];
  /** How a finding names a file (relative to the working directory). */
  displayPath?: (absPath: string) => string;
  onProgress?: (done: number, total: number) => void;
}

export function analyze(input: AnalyzeInput): Facts {
  const { program, checker, names } = input;
  const files = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !f.fileName.includes('/node_modules/'));
  const editable = editableFiles(files, input.editableSources);
  const isEditable = (file: ts.SourceFile) => editable.has(file.fileName);

  const origins = new OriginRecognizer(checker, [...editable.values()].map((e) => e.sourceFile));
  const middlewareStores = [...editable.values()].flatMap(({ sourceFile }) => findMiddlewareStores(sourceFile, origins, names.isCandidateParam));
  const isContextParam = (param: ts.ParameterDeclaration) => isStoredIdParam(checker, param, middlewareStores, (e) => origins.isOrigin(e));
  const events = findEventWiring(checker, files);
  const { groups, externallyCalled } = buildGroups(checker, files, names, [...events.listeners.values()], isContextParam);
  const references = findReferences(checker, files, groups, isEditable);
  refuseOutsideImporters(input.outsideFiles ?? [], program.getCompilerOptions(), groups, references, input.displayPath ?? ((p) => p));
  addEmitCallSites(events, groups, references, isEditable);
  for (const publicApi of findPublicApis(program, checker, input.publicApiFrom ?? [])) refusePublicApi(publicApi, groups, references);
  const loggers = new ProjectLoggers(checker, input.loggerNames, files);
  const isLogCall = (call: ts.CallExpression) => !!consoleMethodOf(call) || !!loggers.loggerOf(call);

  const { slots, slotOfSymbol, requiredParams } = buildSlots({ checker, files, isEditable, externallyCalled, isLogCall }, groups, input.onProgress);
  for (const refusal of references.refusals) {
    for (const position of refusal.group.slots) {
      slots.get(slotKey(refusal.group, position))!.blockers.push({ node: refusal.node, text: refusal.reason, kind: 'manual' });
    }
  }

  // What every call site passes, and the edges between slots.
  const edges = new UnionFind<string>();
  for (const slot of slots.values()) edges.add(slot.key);
  const siteByCall = new Map(references.callSites.map((site) => [site.call, site]));
  const unlinkedCalls = unlinkedCallsOf(references, isEditable);
  const businessUseOf = businessUses(checker, siteByCall, unlinkedCalls);
  const incomingContext = { checker, origins, isTraceSymbol: (s: ts.Symbol) => slotOfSymbol.has(s), businessUseOf };
  for (const site of references.callSites) addIncomingValues(site, slots, slotOfSymbol, incomingContext, edges);
  addUnlinkedIncomingValues(unlinkedCalls, slots, incomingContext);
  for (const slot of slots.values()) settleUses(slot, slots, siteByCall, edges);
  const components = componentsOf(slots, edges);

  const perFile = collectFileFacts([...editable.values()].map((e) => e.sourceFile), { checker, names, origins, loggers, incomingContext, businessUseOf });
  return {
    checker,
    editable,
    middlewareStores,
    storedIdReads: storedIdReadsIn(editable, middlewareStores),
    queueItems: perFile.queueItems,
    components: [...components.values()].sort((a, b) => a.key.localeCompare(b.key)),
    originLocals: perFile.originLocals,
    logCalls: perFile.logCalls,
    logValues: perFile.logValues,
    consoleMisuses: perFile.consoleMisuses,
    loggerCreations: perFile.loggerCreations,
    logTextAssertions: files.filter((f) => isTestFile(f.fileName)).flatMap((file) => {
      const assertions = findLogTextAssertions(file);
      const reaches = assertions.length > 0 ? importedFiles(file, checker) : new Set<string>();
      return assertions.map((assertion) => ({ assertion, reaches }));
    }),
    errorExpressions: perFile.errorExpressions,
    requiredParams,
    exportedGroups: references.exported,
  };
}

function editableFiles(files: readonly ts.SourceFile[], sources: ReadonlyMap<string, SourceText>): Map<string, EditableFile> {
  const editable = new Map<string, EditableFile>();
  for (const sourceFile of files) {
    const source = sources.get(sourceFile.fileName);
    if (source) editable.set(sourceFile.fileName, { sourceFile, source });
  }
  return editable;
}

interface SlotContext {
  checker: ts.TypeChecker;
  files: readonly ts.SourceFile[];
  isEditable: (file: ts.SourceFile) => boolean;
  /** Callbacks that code outside the project calls, with why. */
  externallyCalled: Map<FunctionLike, string>;
  isLogCall: IsLogCall;
}

interface Slots {
  slots: Map<string, Slot>;
  /** The symbols of each slot's parameters and of their aliases. */
  slotOfSymbol: Map<ts.Symbol, Slot>;
  requiredParams: Set<ts.ParameterDeclaration | ts.BindingElement>;
}

/** One slot per (group, position), with its parameters, their uses and what blocks removing them. */
function buildSlots(context: SlotContext, groups: readonly Group[], onProgress?: (done: number, total: number) => void): Slots {
  const out: Slots = { slots: new Map(), slotOfSymbol: new Map(), requiredParams: new Set() };
  let done = 0;
  for (const group of groups) {
    for (const position of group.slots) {
      const slot = emptySlot(group, position);
      out.slots.set(slot.key, slot);
      const groupParams = new Set(group.members.map((fn) => fn.parameters[position.index + thisParamOffset(fn)]).filter((p): p is ts.ParameterDeclaration => !!p));
      for (const fn of group.members) {
        const param = fn.parameters[position.index + thisParamOffset(fn)];
        if (param) addParam(context, out, slot, { fn, param, position, groupParams });
      }
    }
    onProgress?.(++done, groups.length);
  }
  return out;
}

function emptySlot(group: Group, position: SlotPosition): Slot {
  return {
    key: slotKey(group, position),
    group,
    index: position.index,
    property: position.property,
    params: [],
    uses: [],
    aliases: [],
    incoming: [],
    unlinkedIncoming: [],
    passes: [],
    typeMembers: [],
    blockers: [],
    businessEvidence: [],
    traceEvidence: 0,
  };
}

interface MemberParam {
  fn: FunctionLike;
  param: ts.ParameterDeclaration;
  position: SlotPosition;
  /** The parameters of every member of the group at this position. */
  groupParams: Set<ts.ParameterDeclaration>;
}

/** One member's parameter joins its slot: its blockers, its symbol, and how its body uses it. */
function addParam(context: SlotContext, out: Slots, slot: Slot, { fn, param, position, groupParams }: MemberParam): void {
  const { checker, isEditable } = context;
  const blocker = structuralBlocker(fn, param, isEditable, context.externallyCalled, position.property !== undefined);
  if (blocker) slot.blockers.push({ node: param, text: blocker, kind: 'manual' });
  let name: ts.Identifier | undefined;
  let binding: ts.BindingElement | undefined;
  if (position.property === undefined) {
    if (ts.isIdentifier(param.name)) name = param.name;
  } else if (!ts.isObjectBindingPattern(param.name)) {
    slot.blockers.push({ node: param, text: `reads \`${position.property}\` from its parameter object instead of destructuring it`, kind: 'manual' });
  } else {
    binding = bindingFor(param, position.property);
    if (binding && ts.isIdentifier(binding.name)) name = binding.name;
    else if (binding) slot.blockers.push({ node: binding, text: 'destructures the id further', kind: 'manual' });
    if (binding && param.name.elements.length === 1) slot.blockers.push({ node: binding, text: 'the id is the only property destructured from its parameter', kind: 'manual' });
    const type = typeMemberFor(checker, param, position.property, groupParams, context.files, isEditable);
    if (type.problem) slot.blockers.push({ node: param, text: type.problem, kind: 'manual' });
    if (type.member && !slot.typeMembers.includes(type.member)) slot.typeMembers.push(type.member);
  }
  slot.params.push({ fn, param, binding });
  if (!name) return;
  const symbol = checker.getSymbolAtLocation(name);
  if (symbol) out.slotOfSymbol.set(symbol, slot);
  const declaration = binding ?? param;
  if (isRequired(checker, declaration)) out.requiredParams.add(declaration);
  const body = 'body' in fn ? fn.body : undefined;
  if (!body) return;
  const { uses, aliases } = collectParamUses(checker, name, body, context.isLogCall);
  slot.uses.push(...uses);
  slot.aliases.push(...aliases);
  for (const alias of aliases) {
    const aliasSymbol = ts.isIdentifier(alias.declaration.name) ? checker.getSymbolAtLocation(alias.declaration.name) : undefined;
    if (aliasSymbol) out.slotOfSymbol.set(aliasSymbol, slot);
  }
}

/** What one call site passes to each slot of its group; an id threaded from another slot links the two. */
function addIncomingValues(site: CallSite, slots: Map<string, Slot>, slotOfSymbol: Map<ts.Symbol, Slot>, incomingContext: IncomingContext, edges: UnionFind<string>): void {
  for (const position of site.group.slots) {
    const slot = slots.get(slotKey(site.group, position))!;
    const argument = site.call.arguments[position.index + site.argOffset];
    let element: ts.ObjectLiteralElementLike | undefined;
    let passed: ts.Expression | undefined = argument;
    if (position.property !== undefined) {
      const located = passedProperty(argument, position.property);
      if (located.problem) {
        slot.blockers.push({ node: argument ?? site.call, text: located.problem, kind: 'manual' });
        continue;
      }
      element = located.element;
      passed = element && propertyValue(element);
    }
    const value = classifyIncoming(incomingContext, passed);
    const from = value.kind === 'threaded' ? slotOfSymbol.get(value.from) : undefined;
    slot.incoming.push({ site, value, element, from });
    if (from) edges.union(slot.key, from.key);
    else if (value.kind === 'origin' || value.kind === 'origin-local') slot.traceEvidence++;
    else if (value.kind === 'business-local') {
      slot.businessEvidence.push({ node: value.sink, text: `receives \`${shortText(value.expression)}\`, a fresh id ${value.detail}`, kind: 'kept', provenance: true });
    } else if (value.kind === 'unproven') {
      slot.businessEvidence.push({
        node: value.expression,
        text: `receives \`${shortText(value.expression)}\`, which does not come from a recognised trace origin`,
        kind: 'kept',
        unproven: true,
        provenance: true,
      });
    }
  }
}

/**
 * Calls that may reach a kept slot without being linked to it: what they pass there (an origin
 * needs its context all the same).
 */
function addUnlinkedIncomingValues(unlinkedCalls: ReadonlyMap<ts.CallExpression, readonly Group[]>, slots: Map<string, Slot>, incomingContext: IncomingContext): void {
  for (const [call, groups] of unlinkedCalls) {
    for (const group of groups) {
      for (const position of group.slots) {
        const argument = call.arguments[position.index];
        if (position.property !== undefined || !argument || call.arguments.slice(0, position.index + 1).some(ts.isSpreadElement)) continue;
        slots.get(slotKey(group, position))!.unlinkedIncoming.push({ call, value: classifyIncoming(incomingContext, argument) });
      }
    }
  }
}

/**
 * A pass to another function links two slots when the callee's position is a slot; otherwise the
 * pass falls back to what the use is on its own. Then the uses count as trace or business evidence.
 */
function settleUses(slot: Slot, slots: Map<string, Slot>, siteByCall: Map<ts.CallExpression, CallSite>, edges: UnionFind<string>): void {
  for (const use of slot.uses) {
    if (use.kind === 'pass' && use.passedTo) {
      const site = siteByCall.get(use.passedTo.call);
      const { argIndex, property } = use.passedTo;
      const target = site && site.group.slots.find((p) => p.property === property && p.index === argIndex - site.argOffset);
      if (site && target) {
        const to = slots.get(slotKey(site.group, target))!;
        edges.union(slot.key, to.key);
        slot.passes.push({ use, to });
      } else if (use.fallback) Object.assign(use, use.fallback);
      else if (use.keyReason) Object.assign(use, { kind: 'key', detail: use.keyReason });
      else use.kind = 'derived';
    }
    if (use.kind === 'log' || use.kind === 'header') slot.traceEvidence++;
    if (use.kind === 'key' || use.kind === 'compare') slot.businessEvidence.push({ node: use.sink, text: use.detail, kind: 'kept' });
    if (use.kind === 'stored' || use.kind === 'reassigned') slot.blockers.push({ node: use.sink, text: use.detail, kind: 'manual' });
  }
}

/** Slots linked by edges form one component: one trace id that goes or stays as a whole. */
function componentsOf(slots: Map<string, Slot>, edges: UnionFind<string>): Map<string, Component> {
  const components = new Map<string, Component>();
  for (const slot of slots.values()) {
    const root = edges.find(slot.key);
    const component = components.get(root) ?? { key: '', slots: [] };
    component.slots.push(slot);
    components.set(root, component);
  }
  for (const component of components.values()) component.key = componentKey(component);
  return components;
}

interface FileFactsContext {
  checker: ts.TypeChecker;
  names: TraceNames;
  origins: OriginRecognizer;
  loggers: ProjectLoggers;
  incomingContext: IncomingContext;
  businessUseOf: (name: ts.Identifier) => { sink: ts.Node; detail: string } | undefined;
}

type FileFacts = Pick<Facts, 'queueItems' | 'originLocals' | 'logCalls' | 'logValues' | 'consoleMisuses' | 'loggerCreations' | 'errorExpressions'>;

/** Per editable file: log calls, console misuses, logger creations, queue items, origin locals. */
function collectFileFacts(sourceFiles: readonly ts.SourceFile[], context: FileFactsContext): FileFacts {
  const { checker, names, origins } = context;
  const out: FileFacts = { queueItems: [], originLocals: [], logCalls: new Map(), logValues: new Map(), consoleMisuses: [], loggerCreations: [], errorExpressions: new Set() };
  for (const sourceFile of sourceFiles) {
    const found = collectLogCalls(sourceFile, checker, context.loggers, out.errorExpressions);
    if (found.calls.length > 0) out.logCalls.set(sourceFile.fileName, found.calls);
    for (const call of found.calls) {
      if (call.problem || (call.kind === 'logger' && !call.interpolated)) continue;
      for (const value of call.values) out.logValues.set(value, call);
    }
    out.consoleMisuses.push(...found.misuses);
    out.loggerCreations.push(...found.creations);
    walk(sourceFile, (node) => {
      const queueField = ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) ? origins.queueItemTraceField(node) : undefined;
      if (queueField) out.queueItems.push({ declaration: node as ts.VariableDeclaration, name: (node as ts.VariableDeclaration).name as ts.Identifier, field: queueField });
      if ((ts.isVariableDeclaration(node) || ts.isBindingElement(node)) && ts.isIdentifier(node.name) && names.isCandidateParam(node.name.text)) {
        const local = originLocalOf(context.incomingContext, node);
        if (local && !context.businessUseOf(local.name)) out.originLocals.push(local);
      }
      return true;
    });
  }
  return out;
}

/** Reads of an id a middleware stored on the request (`req.requestId`), in every editable file. */
function storedIdReadsIn(editable: Map<string, EditableFile>, middlewareStores: readonly MiddlewareStore[]): ts.PropertyAccessExpression[] {
  const storedIdReads: ts.PropertyAccessExpression[] = [];
  if (middlewareStores.length === 0) return storedIdReads;
  for (const { sourceFile } of editable.values()) {
    walk(sourceFile, (node) => {
      if (ts.isPropertyAccessExpression(node) && readsStoredId(node, middlewareStores)) storedIdReads.push(node);
      return true;
    });
  }
  return storedIdReads;
}

/**
 * How a local is used as a business value (a key, a comparison, stored in an object), if it is —
 * a fresh `randomUUID()` kept as a record's key is that record's id, not a trace id.
 */
function businessUses(
  checker: ts.TypeChecker,
  siteByCall: Map<ts.CallExpression, CallSite>,
  unlinkedCalls: ReadonlyMap<ts.CallExpression, readonly Group[]>,
): (name: ts.Identifier) => { sink: ts.Node; detail: string } | undefined {
  // A call into a trace parameter is a pass, whatever the callee's name: its own body decides.
  const reachesTraceSlot = ({ call, argIndex }: { call: ts.CallExpression; argIndex: number }) =>
    siteByCall.has(call) || (unlinkedCalls.get(call) ?? []).some((group) => group.slots.some((p) => p.index === argIndex && p.property === undefined));
  const memo = new Map<ts.Identifier, { sink: ts.Node; detail: string } | undefined>();
  return (name) => {
    if (memo.has(name)) return memo.get(name);
    let scope: ts.Node | undefined = name.parent;
    while (scope && !ts.isBlock(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
    let found: { sink: ts.Node; detail: string } | undefined;
    if (scope) {
      for (const use of collectParamUses(checker, name, scope).uses) {
        const isKeyPass = use.kind === 'pass' && use.keyReason && !(use.passedTo && reachesTraceSlot(use.passedTo));
        if (use.kind === 'key' || use.kind === 'compare' || use.kind === 'stored' || isKeyPass) {
          found = { sink: use.sink, detail: isKeyPass ? use.keyReason! : use.detail };
          break;
        }
      }
    }
    memo.set(name, found);
    return found;
  };
}

/** Calls in editable files that may reach a group's members but are not linked to them (the groups are refused). */
function unlinkedCallsOf(references: References, isEditable: (file: ts.SourceFile) => boolean): Map<ts.CallExpression, Group[]> {
  const out = new Map<ts.CallExpression, Group[]>();
  for (const { node, group } of references.refusals) {
    if (!ts.isCallExpression(node) || !isEditable(node.getSourceFile())) continue;
    pushTo(out, node, group);
  }
  return out;
}

/** Functions reachable from the package's entry points keep their parameters: outside callers pass the id. */
function refusePublicApi(api: PublicApi, groups: readonly Group[], references: References): void {
  for (const group of groups) {
    const member = group.members.find((fn) => api.members.has(fn));
    if (!member) continue;
    references.refusals.push({
      group,
      node: member,
      reason: `exported from the package's public entry point (${api.members.get(member)}), so callers outside the analysed code may pass the id (--include-public-api migrates it)`,
    });
  }
}

/** The emits of an event are the call sites of its listeners' group. */
function addEmitCallSites(events: EventWiring, groups: readonly Group[], references: References, isEditable: (f: ts.SourceFile) => boolean): void {
  const groupOfListener = new Map<ts.Node, Group>();
  for (const group of groups) for (const fn of group.members) groupOfListener.set(fn, group);
  for (const [event, listeners] of events.listeners) {
    const group = listeners.map((fn) => groupOfListener.get(fn)).find((g) => g !== undefined);
    if (!group) continue;
    const unknown = events.unknown.get(event) ?? events.unknown.get('*');
    if (unknown) references.refusals.push({ group, node: unknown.node, reason: unknown.reason });
    for (const emit of events.emits.get(event) ?? []) {
      if (!isEditable(emit.getSourceFile())) {
        references.refusals.push({ group, node: emit, reason: `'${event}' is emitted from ${emit.getSourceFile().fileName}, which is not being migrated` });
      } else if (emit.arguments.some((a) => ts.isSpreadElement(a))) {
        references.refusals.push({ group, node: emit, reason: `'${event}' is emitted with spread arguments` });
      } else {
        references.callSites.push({ call: emit, group, argOffset: 1 });
      }
    }
  }
}

export function slotKey(group: Group, position: SlotPosition): string {
  return `${group.id}:${positionKey(position)}`;
}

function structuralBlocker(
  fn: Slot['params'][number]['fn'],
  param: ts.ParameterDeclaration,
  isEditable: (file: ts.SourceFile) => boolean,
  externallyCalled: Map<Slot['params'][number]['fn'], string>,
  destructured: boolean,
): string | undefined {
  const file = fn.getSourceFile();
  if (file.isDeclarationFile || file.fileName.includes('/node_modules/')) return `declared in ${file.fileName}, which is not source code`;
  if (!isEditable(file)) return `declared in ${file.fileName}, which is not being migrated (outside the given paths or skipped)`;
  if (ts.isConstructorDeclaration(fn) || ts.isConstructSignatureDeclaration(fn)) return 'a constructor parameter: the id is kept with the object it constructs';
  if (ts.getModifiers(param)?.length) return 'a parameter property: the id is stored on the instance';
  if (param.dotDotDotToken) return 'a rest parameter';
  if (!destructured && !ts.isIdentifier(param.name)) return 'a destructured parameter';
  if ((ts.isFunctionTypeNode(fn) || ts.isCallSignatureDeclaration(fn)) && !referenceNameNode(fn)) {
    return 'part of an anonymous function type: calls through it cannot be found';
  }
  const externalCaller = externallyCalled.get(fn);
  if (externalCaller) return externalCaller;
  return undefined;
}

function isRequired(checker: ts.TypeChecker, param: ts.ParameterDeclaration | ts.BindingElement): boolean {
  const file = param.getSourceFile();
  if (/\.[cm]?jsx?$/.test(file.fileName)) return false;
  if ((ts.isParameter(param) && param.questionToken) || param.initializer) return false;
  const type = checker.getTypeAtLocation(param);
  const parts = type.isUnion() ? type.types : [type];
  return !parts.some((t) => t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Void));
}

function componentKey(component: Component): string {
  let best: { file: string; pos: number; name: string } | undefined;
  for (const slot of component.slots) {
    for (const entry of slot.params) {
      const { fn, param } = entry;
      const candidate = { file: fn.getSourceFile().fileName, pos: param.pos, name: `${functionDisplayName(fn)}(${slotParamName(entry)})` };
      if (!best || candidate.file < best.file || (candidate.file === best.file && candidate.pos < best.pos)) best = candidate;
    }
  }
  return best ? `trace:${best.file}:${best.pos}:${best.name}` : `trace:${component.slots[0]?.key ?? '?'}`;
}

