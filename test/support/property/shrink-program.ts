// Smaller variants of a failing program, tried greedily by check-programs.ts until none still
// fails: fewer requests, functions, calls, logs and parameters, plainer calls.
import type { Call, Program, Unit } from './program-model.js';

/** Every program one simplification away from `program`, the biggest cuts first. */
export function* simplifications(program: Program): Generator<Program> {
  for (let r = 0; r < program.requests.length && program.requests.length > 1; r++) {
    yield { ...program, requests: program.requests.filter((_, i) => i !== r) };
  }
  for (let u = 0; u < program.units.length; u++) yield withoutUnit(program, u);
  for (const [owner, calls] of callLists(program)) {
    for (let c = 0; c < calls.length; c++) yield withCalls(program, owner, calls.filter((_, i) => i !== c));
  }
  for (let u = 0; u < program.units.length; u++) {
    const unit = program.units[u];
    for (let l = 0; l < unit.logs.length; l++) yield withUnit(program, u, { ...unit, logs: unit.logs.filter((_, i) => i !== l) });
    if (unit.keyUse) yield withUnit(program, u, { ...unit, keyUse: false });
    for (let p = 0; p < unit.params.length; p++) if (!unit.params[p].trace) yield withoutParam(program, u, p);
    if (unit.isAsync && unit.calls.every((c) => !program.units[c.callee].isAsync)) {
      // a sync function calls sync functions only, directly
      yield withUnit(program, u, { ...unit, isAsync: false, calls: unit.calls.map((c) => ({ ...c, style: 'await' })) });
    }
  }
  for (const [owner, calls] of callLists(program)) {
    for (let c = 0; c < calls.length; c++) {
      if (calls[c].style !== 'await') yield withCalls(program, owner, calls.map((call, i) => (i === c ? { ...call, style: 'await' } : call)));
      if (calls[c].viaThis) yield withCalls(program, owner, calls.map((call, i) => (i === c ? { ...call, viaThis: false } : call)));
    }
  }
}

/** Call lists by owner: `u<index>` for a unit, `r<index>` for a request. */
function callLists(program: Program): [string, Call[]][] {
  return [...program.units.map((unit, i): [string, Call[]] => [`u${i}`, unit.calls]), ...program.requests.map((request, i): [string, Call[]] => [`r${i}`, request.calls])];
}

function withCalls(program: Program, owner: string, calls: Call[]): Program {
  const index = Number(owner.slice(1));
  if (owner.startsWith('u')) return withUnit(program, index, { ...program.units[index], calls });
  return { ...program, requests: program.requests.map((request, i) => (i === index ? { ...request, calls } : request)) };
}

function withUnit(program: Program, index: number, unit: Unit): Program {
  return { ...program, units: program.units.map((u, i) => (i === index ? unit : u)) };
}

function withoutUnit(program: Program, removed: number): Program {
  const remap = (calls: Call[]) => calls.filter((c) => c.callee !== removed).map((c) => ({ ...c, callee: c.callee > removed ? c.callee - 1 : c.callee }));
  return {
    ...program,
    units: program.units.filter((_, i) => i !== removed).map((unit) => ({ ...unit, calls: remap(unit.calls) })),
    requests: program.requests.map((request) => ({ ...request, calls: remap(request.calls) })),
  };
}

function withoutParam(program: Program, unitIndex: number, param: number): Program {
  const name = program.units[unitIndex].params[param].name;
  const dropArg = (calls: Call[]) => calls.map((c) => (c.callee === unitIndex ? { ...c, args: c.args.filter((_, i) => i !== param) } : c));
  const units = program.units.map((unit, i) => {
    const calls = dropArg(unit.calls);
    if (i !== unitIndex) return { ...unit, calls };
    return {
      ...unit,
      calls,
      params: unit.params.filter((_, p) => p !== param),
      logs: unit.logs.map((log) => (log.value === name ? { ...log, value: null } : log)),
    };
  });
  const result = { ...program, units, requests: program.requests.map((request) => ({ ...request, calls: dropArg(request.calls) })) };
  // a callee that received this parameter forwarded now receives a literal of its type
  return forwardsResolved(result, unitIndex, name, program.units[unitIndex].params[param].type);
}

function forwardsResolved(program: Program, unitIndex: number, name: string, type: 'string' | 'number'): Program {
  const units = program.units.map((unit, i) =>
    i !== unitIndex
      ? unit
      : {
          ...unit,
          calls: unit.calls.map((c) => ({
            ...c,
            args: c.args.map((a) => (a.kind === 'forward' && a.name === name ? { kind: 'literal' as const, value: type === 'string' ? 'x' : 1 } : a)),
          })),
        },
  );
  return { ...program, units };
}
