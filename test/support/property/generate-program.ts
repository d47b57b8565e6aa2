// Generates a small random program from a seed: a few modules of functions, arrows, object and
// class methods and expando methods, calling each other (directly, through timers, `.then` and
// Promise.all) with a request id at varied positions, and an entry file that creates the ids.
import type {
  Arg,
  Call,
  CallStyle,
  ExportStyle,
  Flavour,
  ImportStyle,
  LogStatement,
  Module,
  Param,
  Program,
  Request,
  Unit,
  UnitForm,
  ValueType,
} from './program-model.js';
import { traceParam } from './program-model.js';
import { Random } from './random.js';

/** Shapes the generator may produce; each can be switched off (see known-bugs.ts). */
export interface GeneratorFeatures {
  flavours: readonly Flavour[];
  /** `instance.name = function …` and `module.exports = instance` (the redis client). */
  expandoMethods: boolean;
  /** `exports.name = …` / `module.exports.name = …`. */
  exportsProperties: boolean;
  classMethods: boolean;
  objectMethods: boolean;
  /** setTimeout, `.then` and Promise.all between caller and callee. */
  callbacks: boolean;
  /** A caller without an id passes a literal where the callee takes its id. */
  literalIntoTraceParam: boolean;
  /** A caller passes its id into a callee's parameter that is not named like an id. */
  idIntoBusinessParam: boolean;
  /** A function uses its id as a key (`lock:${reqId}`). */
  keyUses: boolean;
  /** `run(randomUUID())`: the origin inline in the call. */
  inlineOrigins: boolean;
  /** Expando methods on an ESM module's exported class instance (`export const c = new C(); c.m = function …`). */
  esmExpandoMethods: boolean;
  /** Function names that read as key uses (`chargeLock`: the id passed to it reads as a lock key). */
  keyNamedFunctions: boolean;
}

export const ALL_FEATURES: GeneratorFeatures = {
  flavours: ['ts-esm', 'js-esm', 'js-cjs'],
  expandoMethods: true,
  exportsProperties: true,
  classMethods: true,
  objectMethods: true,
  callbacks: true,
  literalIntoTraceParam: true,
  idIntoBusinessParam: true,
  keyUses: true,
  inlineOrigins: true,
  esmExpandoMethods: true,
  keyNamedFunctions: true,
};

const TRACE_NAMES = ['reqId', 'requestId', 'correlationId', 'traceId', 'req_id', 'request_id', 'xRequestId'];
const BUSINESS_PARAMS: readonly { name: string; type: ValueType }[] = [
  { name: 'accountId', type: 'string' },
  { name: 'orderId', type: 'string' },
  { name: 'sku', type: 'string' },
  { name: 'note', type: 'string' },
  { name: 'amount', type: 'number' },
  { name: 'ttlMs', type: 'number' },
  { name: 'attempt', type: 'number' },
];
const VERBS = ['load', 'save', 'charge', 'settle', 'notify', 'reserve', 'audit', 'fetch', 'sync', 'acquire', 'price', 'ship'];
const NOUNS = ['Order', 'Account', 'Invoice', 'Lock', 'Cart', 'User', 'Stock', 'Receipt'];
const MODULE_NAMES = ['billing', 'orders', 'redis', 'ledger', 'mailer', 'stock'];
const STRING_LITERALS = ['acct-1', 'ord-7', 'sku-42', 'gift wrap', 'x'];
const NUMBER_LITERALS = [0, 1, 3, 250, 5000];

export function generateProgram(seed: number, features: GeneratorFeatures = ALL_FEATURES, tag = ''): Program {
  const random = new Random(seed);
  const flavour = random.pick(features.flavours);
  const modules = random
    .sample(MODULE_NAMES, random.int(1, 3))
    .map((name) => generateModule(random, flavour, features, name));
  const unitCount = random.int(2, 7);
  const names = random.sample(
    VERBS.flatMap((verb) => NOUNS.map((noun) => verb + (noun === 'Lock' && !features.keyNamedFunctions ? 'Slot' : noun))),
    unitCount,
  );
  const units: Unit[] = names.map((name) => generateUnit(random, flavour, features, modules, name + tag));
  units.forEach((unit, index) => (unit.calls = generateCalls(random, features, units, index, flavour === 'js-cjs')));
  const requests = Array.from({ length: random.int(1, 2) }, () => generateRequest(random, features, units));
  return { seed, flavour, modules, units, requests, tag };
}

function generateModule(random: Random, flavour: Flavour, features: GeneratorFeatures, name: string): Module {
  const styles: ExportStyle[] =
    flavour === 'js-cjs'
      ? ['cjs-object-literal', ...(features.exportsProperties ? (['cjs-exports-assign'] as const) : []), ...(features.expandoMethods ? (['cjs-module-is-instance'] as const) : [])]
      : ['esm-named', ...(features.classMethods || (features.expandoMethods && flavour === 'js-esm') ? (['esm-default-instance'] as const) : [])];
  const imports: ImportStyle[] = flavour === 'js-cjs' ? ['named', 'namespace', 'inline'] : ['named', 'namespace'];
  return {
    name,
    exportStyle: random.pick(styles),
    importStyle: random.pick(imports),
    exportsAlias: random.pick(['exports', 'module.exports'] as const),
  };
}

/** The forms a module of this export style can hold. */
function formsOf(module: Module, flavour: Flavour, features: GeneratorFeatures): UnitForm[] {
  // TS would reject the assignment.
  const expando = features.expandoMethods && flavour !== 'ts-esm' && (flavour === 'js-cjs' || features.esmExpandoMethods);
  const instance: UnitForm[] = [...(features.classMethods ? (['class-method'] as const) : []), ...(expando ? (['expando'] as const) : [])];
  switch (module.exportStyle) {
    case 'esm-default-instance':
    case 'cjs-module-is-instance':
      return instance;
    case 'cjs-exports-assign':
      return ['exports-property', ...(features.objectMethods ? (['object-method'] as const) : []), ...instance];
    default:
      return ['function', 'arrow', ...(features.objectMethods ? (['object-method'] as const) : []), ...instance];
  }
}

function generateUnit(random: Random, flavour: Flavour, features: GeneratorFeatures, modules: Module[], name: string): Unit {
  const usable = modules.map((module, index) => ({ index, forms: formsOf(module, flavour, features) })).filter((m) => m.forms.length > 0);
  const home = random.pick(usable);
  const business = random.sample(BUSINESS_PARAMS, random.int(0, 3)).map((p) => ({ ...p, trace: false }));
  const params: Param[] = [...business];
  if (random.chance(0.8)) params.splice(random.int(0, params.length), 0, { name: random.pick(TRACE_NAMES), type: 'string', trace: true });
  const unit: Unit = {
    name,
    module: home.index,
    form: random.pick(home.forms),
    expression: random.pick(['function', 'arrow'] as const),
    isAsync: random.chance(0.7),
    params,
    logs: [],
    keyUse: false,
    calls: [],
  };
  const trace = traceParam(unit);
  unit.keyUse = trace !== undefined && features.keyUses && random.chance(0.12);
  unit.logs = Array.from({ length: random.int(0, 2) }, () => generateLog(random, unit));
  return unit;
}

function generateLog(random: Random, unit: Unit): LogStatement {
  const values = unit.params.filter((param) => !param.trace);
  return {
    method: random.pick(['log', 'log', 'info', 'warn', 'error'] as const),
    withId: traceParam(unit) !== undefined && random.chance(0.75),
    style: random.chance(0.7) ? 'template' : 'concat',
    value: values.length > 0 && random.chance(0.8) ? random.pick(values).name : null,
  };
}

/**
 * `acyclic`: modules only call modules of a higher index (CommonJS modules that require each other
 * in a cycle see each other's exports half-built, which the original program would trip on too).
 */
function generateCalls(random: Random, features: GeneratorFeatures, units: Unit[], index: number, acyclic: boolean): Call[] {
  const caller = units[index];
  const callerHasId = traceParam(caller) !== undefined;
  const candidates = units
    .map((unit, i) => ({ unit, i }))
    .filter(({ unit, i }) => i > index && (caller.isAsync || !unit.isAsync) && (!acyclic || unit.module >= caller.module))
    .filter(({ unit }) => callerHasId || features.literalIntoTraceParam || traceParam(unit) === undefined);
  return random.sample(candidates, random.int(0, 2)).map(({ unit, i }) => {
    const style: CallStyle = caller.isAsync && features.callbacks ? random.pick(['await', 'await', 'timeout', 'then', 'all-with-next'] as const) : 'await';
    const sameInstance =
      caller.form === 'class-method' && unit.module === caller.module && (unit.form === 'class-method' || unit.form === 'expando');
    return { callee: i, style, args: argumentsFor(random, features, caller.params, unit), viaThis: sameInstance && random.chance(0.5) };
  });
}

/** One argument per callee parameter: the caller's id or a same-named value where it has one, else a literal. */
function argumentsFor(random: Random, features: GeneratorFeatures, callerParams: readonly Param[], callee: Unit): Arg[] {
  const callerTrace = callerParams.find((param) => param.trace);
  return callee.params.map((param): Arg => {
    if (param.trace) {
      if (callerTrace) return { kind: 'forward', name: callerTrace.name };
      return { kind: 'literal', value: 'job-7' }; // only when features.literalIntoTraceParam (see generateCalls)
    }
    if (callerTrace && param.type === 'string' && random.chance(0.08) && features.idIntoBusinessParam) return { kind: 'forward', name: callerTrace.name };
    const same = callerParams.find((p) => !p.trace && p.name === param.name);
    if (same && random.chance(0.8)) return { kind: 'forward', name: same.name };
    return { kind: 'literal', value: param.type === 'string' ? random.pick(STRING_LITERALS) : random.pick(NUMBER_LITERALS) };
  });
}

function generateRequest(random: Random, features: GeneratorFeatures, units: Unit[]): Request {
  const targets = random.sample(
    units.map((_, i) => i),
    random.int(1, 2),
  );
  const inline = features.inlineOrigins && targets.length === 1 && random.chance(0.3);
  const idVar = inline ? null : random.pick(['reqId', 'requestId', 'correlationId', 'traceId']);
  const origin: Param[] = [{ name: idVar ?? 'reqId', type: 'string', trace: true }];
  const calls = targets.map(
    (i): Call => ({
      callee: i,
      style: features.callbacks ? random.pick(['await', 'await', 'timeout', 'then'] as const) : 'await',
      args: argumentsFor(random, { ...features, idIntoBusinessParam: false }, origin, units[i]),
      viaThis: false,
    }),
  );
  return { idVar, logsStart: idVar !== null && random.chance(0.5), calls };
}
