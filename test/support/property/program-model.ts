// The shape of a generated program, before it is rendered to source text. Generation, rendering
// and shrinking all work on this model, so a counterexample can be made smaller and rendered again.

/** Language and module system of a whole program (the emitted runtime module follows it). */
export type Flavour = 'ts-esm' | 'js-esm' | 'js-cjs';

export type ValueType = 'string' | 'number';

export interface Param {
  name: string;
  type: ValueType;
  /** A parameter named like a request id (reqId, requestId, …): the migration may remove it. */
  trace: boolean;
}

/** How a function is declared, which also decides how other code reaches it. */
export type UnitForm =
  | 'function' // `function name(…) {}` at top level
  | 'arrow' // `const name = (…) => {}` at top level
  | 'object-method' // a method of the module's object literal: `const billingApi = { name(…) {} }`
  | 'class-method' // a method of the module's class, reached through its one instance
  | 'expando' // `billingClient.name = function (…) {}`: assigned onto the class instance
  | 'exports-property'; // `exports.name = …` / `module.exports.name = …` (CommonJS)

/** How a module exports what it has. */
export type ExportStyle =
  | 'esm-named' // `export function …`, `export const …`
  | 'esm-default-instance' // the class instance is the default export
  | 'cjs-object-literal' // `module.exports = { a, b, billingApi }`
  | 'cjs-exports-assign' // `exports.a = …` / `module.exports.a = …`
  | 'cjs-module-is-instance'; // `module.exports = billingClient` (the redis client)

/** How the other modules reach this one. */
export type ImportStyle =
  | 'named' // `import { a } from` / `const { a } = require(…)`
  | 'namespace' // `import * as billing from` / `const billing = require(…)`
  | 'inline'; // `require('./billing').a(…)` (CommonJS)

export interface Module {
  /** File base name, also the local name others import it under. */
  name: string;
  exportStyle: ExportStyle;
  importStyle: ImportStyle;
  /** Which alias a CommonJS `exports-property` unit is assigned through. */
  exportsAlias: 'exports' | 'module.exports';
}

export type LogMethod = 'log' | 'info' | 'warn' | 'error';

export interface LogStatement {
  method: LogMethod;
  /** Prefixed with the function's trace parameter: `[${reqId}] …`. */
  withId: boolean;
  style: 'template' | 'concat';
  /** A parameter whose value is interpolated (null: the text has no value). */
  value: string | null;
}

export type Arg = { kind: 'forward'; name: string } | { kind: 'literal'; value: string | number };

/** How a caller waits for a callee: awaited, through a timer, a `.then`, or in a Promise.all with the next call. */
export type CallStyle = 'await' | 'timeout' | 'then' | 'all-with-next';

export interface Call {
  /** Index of the callee in Program.units (always greater than the caller's: no recursion). */
  callee: number;
  style: CallStyle;
  /** One argument per callee parameter. */
  args: Arg[];
  /** A class method calling a member of its own class through `this`. */
  viaThis: boolean;
}

export interface Unit {
  name: string;
  module: number;
  form: UnitForm;
  /** For expando and exports-property units: `function (…) {}` or an arrow. */
  expression: 'function' | 'arrow';
  isAsync: boolean;
  params: Param[];
  logs: LogStatement[];
  /** Uses its trace id as a key (`lock:${reqId}`): a business use, so the id may have to stay. */
  keyUse: boolean;
  calls: Call[];
}

/** One request the entry file makes: a fresh id at an origin, then calls into the program. */
export interface Request {
  /** Variable that holds the new id; null passes `randomUUID()` inline into the one call. */
  idVar: string | null;
  logsStart: boolean;
  calls: Call[];
}

export interface Program {
  seed: number;
  flavour: Flavour;
  modules: Module[];
  units: Unit[];
  requests: Request[];
  /** Appended to every name a program declares, so programs migrated together can never link. */
  tag: string;
}

export function traceParam(unit: Unit): Param | undefined {
  return unit.params.find((param) => param.trace);
}
