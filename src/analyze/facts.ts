// The analysis result: plain facts about the program that the rules turn into edits. Computed
// once per run with the type checker (before any edit invalidates it); decisions on top of
// them (decide.ts) are cheap and can be recomputed when the type check refuses a unit.
import type { ts } from '../syntax/typescript.js';
import type { SourceText } from '../syntax/source-text.js';
import type { FunctionLike } from '../syntax/function-likes.js';
import type { ConsoleMisuse, LogCall } from './log-calls.js';
import type { LoggerCreation } from './project-loggers.js';
import type { LogTextAssertion } from './log-text-assertions.js';
import type { MiddlewareStore } from './middleware-stores.js';
import type { Group } from './groups.js';
import type { Incoming } from './incoming-values.js';
import type { Alias, ParamUse } from './param-uses.js';
import type { CallSite } from './references.js';

export interface Reason {
  node: ts.Node;
  text: string;
  /** `kept`: evidence of a business id. `manual`: a site the tool cannot migrate safely. */
  kind: 'kept' | 'manual';
  /** For `kept`: whether the value is positively a business value, or just not proven a trace id. */
  unproven?: boolean;
  /** Evidence about where the value comes from (what a caller passes), not about how one body uses it. */
  provenance?: boolean;
}

/** One trace-parameter position of a group (all members' parameters at that argument index). */
export interface SlotParam {
  fn: FunctionLike;
  param: ts.ParameterDeclaration;
  /** For a destructured slot: the binding element (`reqId` in `{ userId, reqId }`). */
  binding?: ts.BindingElement;
}

export interface Slot {
  key: string;
  group: Group;
  /** Argument index. */
  index: number;
  /** For a destructured slot: the property of the argument object that carries the id. */
  property?: string;
  params: SlotParam[];
  uses: ParamUse[];
  aliases: Alias[];
  /**
   * `element`: for a destructured slot, the property of the object literal the caller passes.
   * `from`: for a threaded value, the slot of the caller's parameter.
   */
  incoming: { site: CallSite; value: Incoming; element?: ts.ObjectLiteralElementLike; from?: Slot }[];
  /** What calls that may reach the slot but are not linked to it pass there (the slot keeps its id). */
  unlinkedIncoming: { call: ts.CallExpression; value: Incoming }[];
  /** Uses that pass the id on to another trace parameter, with the slot that receives it. */
  passes: { use: ParamUse; to: Slot }[];
  /** Property signatures of the parameter's type that describe the id (removed with it). */
  typeMembers: ts.TypeElement[];
  /** Structural reasons this slot cannot be migrated (independent of evidence). */
  blockers: Reason[];
  /** Evidence that the value is a business id (a key, a comparison, an unproven value). */
  businessEvidence: Reason[];
  /** Positive evidence: origins, logging, trace headers. */
  traceEvidence: number;
}

/**
 * Slots connected by passing the id from one to the other: one value, so where it comes from is
 * decided for all of them; which of them keep their parameter is decided per slot (decide.ts).
 */
export interface Component {
  /** Stable owner id for edits and verification ("trace:<file>:<line>:<name>"). */
  key: string;
  slots: Slot[];
}

/** The name people know a slot's parameter by: `reqId`, or the destructured property. */
export function slotParamName(entry: SlotParam): string {
  return entry.binding ? (entry.binding.propertyName ?? entry.binding.name).getText() : entry.param.name.getText();
}

export interface EditableFile {
  sourceFile: ts.SourceFile;
  source: SourceText;
}

export interface Facts {
  checker: ts.TypeChecker;
  editable: Map<string, EditableFile>;
  components: Component[];
  /** Locals born from an origin with a trace name, which get a context when logged. */
  originLocals: { declaration: ts.VariableDeclaration; name: ts.Identifier }[];
  /** Middleware that stores the request's trace id and then hands on (`req.reqId = …; next()`). */
  middlewareStores: MiddlewareStore[];
  /** Reads of such a stored id (`req.reqId`) in editable files. */
  storedIdReads: ts.PropertyAccessExpression[];
  /** Items taken off hand-made queues whose items carry a trace field: `const item = queue.shift()` (field `reqId`). */
  queueItems: { declaration: ts.VariableDeclaration; name: ts.Identifier; field: string }[];
  /** Console and project-logger calls in editable files, by file path. */
  logCalls: Map<string, LogCall[]>;
  /** The values whose text a convertible log call takes over (an id among them is dropped by the log rule). */
  logValues: Map<ts.Node, LogCall>;
  /** Console uses no rewrite can follow (spread, `.apply`, aliases, `console[level]`). */
  consoleMisuses: ConsoleMisuse[];
  /** pino/winston/bunyan loggers created in editable files. */
  loggerCreations: LoggerCreation[];
  /** Test assertions that read a log call's text, with the files their test imports (transitively). */
  logTextAssertions: { assertion: LogTextAssertion; reaches: ReadonlySet<string> }[];
  /** Expressions (log values) whose static type is an Error. */
  errorExpressions: Set<ts.Node>;
  /** Parameters (or destructured bindings) whose type does not admit undefined: context reads get a `!` in TS. */
  requiredParams: Set<ts.ParameterDeclaration | ts.BindingElement>;
  /** Groups with a member exported from its module. */
  exportedGroups: Set<Group>;
}
