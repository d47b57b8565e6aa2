// The pino backend (`--logger pino`), run as real code with real pino in all four variants: the
// mixin injects the context, the facade passes pino its object-first order, and pino's own output
// is parsed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT_SCENARIO, CONTEXT_SCENARIO_IMPORTS, byStep } from './context-scenario.js';
import { jsonLines, prepareVariant, runScript, type RunnableVariant, type RunResult, type VariantOptions } from './runtime-project.js';

const VARIANTS: VariantOptions[] = [
  { language: 'ts', moduleFormat: 'esm', backend: 'pino' },
  { language: 'ts', moduleFormat: 'cjs', backend: 'pino' },
  { language: 'js', moduleFormat: 'esm', backend: 'pino' },
  { language: 'js', moduleFormat: 'cjs', backend: 'pino' },
];

describe.each(VARIANTS)('pino runtime: $language $moduleFormat', (options) => {
  let variant: RunnableVariant;
  let run: RunResult;
  let out: Record<string, unknown>[];
  let err: Record<string, unknown>[];
  let step: Map<string, Record<string, unknown>>;

  beforeAll(async () => {
    variant = prepareVariant(options);
    run = await runScript(variant, 'context-scenario', CONTEXT_SCENARIO, { imports: CONTEXT_SCENARIO_IMPORTS });
    out = jsonLines(run.stdout);
    err = jsonLines(run.stderr);
    step = byStep([...out, ...err]);
  });
  afterAll(() => variant?.project.remove());

  const at = (name: string): Record<string, unknown> => {
    const record = step.get(name);
    if (record === undefined) throw new Error(`no record for step ${name}; stdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
    return record;
  };

  it("writes pino's records with an ISO time, the level's name, the context's id and the fields", () => {
    expect(run.code).toBe(0);
    const record = at('await');
    expect(Object.keys(record)).toEqual(['level', 'time', 'correlationId', 'step', 'msg']);
    expect(record).toMatchObject({ level: 'info', msg: 'after await', correlationId: 'c-1', step: 'await' });
    expect(record['time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('injects the id through async hops and nesting, and leaves it out outside any context', () => {
    for (const name of ['setTimeout', 'setImmediate', 'nextTick', 'emitter-later', 'stream-data-a', 'nested-empty', 'nested-back']) {
      expect(at(name)['correlationId'], name).toBe('c-1');
    }
    expect(at('nested-new')['correlationId']).toBe('c-2');
    for (const id of ['p-1', 'p-2', 'p-3']) expect(at(`parallel-${id}`)['correlationId']).toBe(id);
    for (const name of ['outside', 'outside-after', 'async-return']) expect(at(name), name).not.toHaveProperty('correlationId');
  });

  it('passes msg to pino verbatim and the fields as its merge object', () => {
    expect(at('percent')['msg']).toBe('%s %d %i %f %j %o %O %% %c');
    expect(at('percent-fields')).toMatchObject({ msg: '100%s sure: %d', s: 'x', d: 1 });
    expect(at('fields')).toMatchObject({ text: 'a "quoted" line\nbreak', count: 3, ok: true, none: null });
    expect(at('fields')['circular']).toEqual({ name: 'loop', self: '[Circular]' });
    expect(typeof at('fields')['big']).toBe('number');
    expect(out.find((r) => r['msg'] === 'no fields at all')).toMatchObject({ level: 'info', correlationId: 'f-1' });
  });

  it("serialises err with pino's serializer, cause included", () => {
    const errorValue = at('error')['err'] as Record<string, unknown>;
    expect(errorValue).toMatchObject({ type: 'TypeError', message: 'outer failure', code: 'E_OUTER' });
    expect(errorValue['stack']).toMatch(/^TypeError: outer failure\n\s+at /);
    expect(errorValue['cause']).toMatchObject({ type: 'Error', message: 'root cause' });
  });

  it("keeps a call's field named like a record field under _name", () => {
    const record = at('collide');
    expect(record).toMatchObject({ level: 'warn', msg: 'collide', correlationId: 'f-1' });
    expect(record).toMatchObject({ _time: 'T', _level: 'L', __msg: 'M', _msg: 'mine', _correlationId: 'FAKE', _trace_id: 'FAKE-T' });
    expect(record).not.toHaveProperty('trace_id');
  });

  it('writes trace, debug and info to stdout, warn and error to stderr, each once', () => {
    const levelsIn = (records: Record<string, unknown>[]): unknown[] =>
      records.filter((r) => String(r['step']).startsWith('level-')).map((r) => r['level']);
    expect(levelsIn(out)).toEqual(['trace', 'debug', 'info']);
    expect(levelsIn(err)).toEqual(['warn', 'error']);
  });

  it('applies LOG_LEVEL', async () => {
    const everyLevel = "for (const level of ['trace', 'debug', 'info', 'warn', 'error']) log[level]('at ' + level);";
    const result = await runScript(variant, 'every-level', everyLevel, { env: { LOG_LEVEL: 'warn' } });
    expect(jsonLines(result.stdout)).toEqual([]);
    expect(jsonLines(result.stderr).map((r) => r['level'])).toEqual(['warn', 'error']);
  });
});
