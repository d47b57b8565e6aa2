// The generator is reproducible (a seed is a counterexample anyone can rerun) and, within the seeds
// CI runs, produces the shape of issue 8: an expando method on a CommonJS module object that takes
// the id before another argument, called through require() from another module.
import { describe, expect, it } from 'vitest';
import { generateProgram } from '../support/property/generate-program.js';
import { traceParam, type Program } from '../support/property/program-model.js';
import { renderProgram } from '../support/property/render-program.js';

const CI_SEEDS = Array.from({ length: 200 }, (_, i) => i + 1);

function hasIssue8Shape(program: Program): boolean {
  return program.units.some((unit, index) => {
    const module = program.modules[unit.module];
    const trace = traceParam(unit);
    const idBeforeAnother = trace !== undefined && unit.params.indexOf(trace) < unit.params.length - 1;
    const calledFromElsewhere = program.units.some((caller) => caller.module !== unit.module && caller.calls.some((call) => call.callee === index));
    return program.flavour === 'js-cjs' && module.exportStyle === 'cjs-module-is-instance' && unit.form === 'expando' && idBeforeAnother && calledFromElsewhere;
  });
}

describe('generateProgram', () => {
  it('renders the same files for the same seed', () => {
    for (const seed of [1, 2, 3, 77]) expect(renderProgram(generateProgram(seed))).toEqual(renderProgram(generateProgram(seed)));
  });

  it('generates every flavour and the issue 8 shape within the CI seeds', () => {
    const programs = CI_SEEDS.map((seed) => generateProgram(seed));
    expect(new Set(programs.map((p) => p.flavour))).toEqual(new Set(['ts-esm', 'js-esm', 'js-cjs']));
    expect(programs.filter(hasIssue8Shape).length).toBeGreaterThan(0);
  });

  it('tags every declared name, so programs migrated together cannot link', () => {
    const program = generateProgram(5, undefined, '_3');
    for (const unit of program.units) expect(unit.name.endsWith('_3')).toBe(true);
  });
});
