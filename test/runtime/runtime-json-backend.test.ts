// The built-in JSON-lines runtime, run as real code in all four variants (TS/JS × ESM/CJS).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNTIME_EXPORTS } from '../../src/runtime/runtime-options.js';
import { CONTEXT_SCENARIO, CONTEXT_SCENARIO_IMPORTS, byStep } from './context-scenario.js';
import { jsonLines, prepareVariant, runScript, type RunnableVariant, type RunResult, type VariantOptions } from './runtime-project.js';

const VARIANTS: VariantOptions[] = [
  { language: 'ts', moduleFormat: 'esm', backend: 'json' },
  { language: 'ts', moduleFormat: 'cjs', backend: 'json' },
  { language: 'js', moduleFormat: 'esm', backend: 'json' },
  { language: 'js', moduleFormat: 'cjs', backend: 'json' },
];

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe.each(VARIANTS)('json runtime: $language $moduleFormat', (options) => {
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

  it('exports exactly the names rules import', async () => {
    const load = variant.scriptFormat === 'esm' ? `await import('./${variant.runtimeFile}')` : `require('./${variant.runtimeFile}')`;
    const result = await runScript(variant, 'exports', `process.stdout.write(JSON.stringify(Object.keys(${load}).sort()) + '\\n');`);
    expect(jsonLines(result.stdout)).toEqual([[...RUNTIME_EXPORTS].sort()]);
  });

  it('runs to completion, every line of both streams a JSON record', () => {
    expect(run.code).toBe(0);
    expect(out.length).toBeGreaterThan(30);
  });

  it('writes time, level, msg, the id, then the fields, in that order', () => {
    const record = at('start');
    expect(Object.keys(record)).toEqual(['time', 'level', 'msg', 'correlationId', 'step', 'seen', 'current', 'frozen']);
    expect(record['time']).toMatch(ISO_TIME);
    expect(Math.abs(Date.parse(record['time'] as string) - Date.now())).toBeLessThan(60_000);
    expect(record).toMatchObject({ level: 'info', msg: 'start', correlationId: 'c-1', seen: 'c-1', current: { correlationId: 'c-1' }, frozen: true });
  });

  it('leaves the id out outside any context instead of inventing one', () => {
    for (const name of ['outside', 'outside-after', 'sync-return', 'async-return', 'sync-throw', 'async-throw']) {
      expect(at(name), name).not.toHaveProperty('correlationId');
    }
    expect(at('outside')).toMatchObject({ seen: 'undefined', current: 'undefined' });
    expect(at('outside-after')).toMatchObject({ seen: 'undefined' });
    expect(at('sync-throw')).toMatchObject({ seen: 'undefined' });
  });

  it("returns fn's result and propagates its throws, sync and async", () => {
    expect(at('sync-return')['value']).toBe(42);
    expect(at('async-return')['value']).toBe('done');
    expect(at('sync-throw')['message']).toBe('sync boom');
    expect(at('async-throw')['message']).toBe('async boom');
  });

  it('keeps the context across await, Promise.all, timers, ticks, microtasks, emitters and streams', () => {
    const steps = ['await', 'promise-all-1', 'promise-all-2', 'setTimeout', 'setImmediate', 'nextTick', 'queueMicrotask', 'then'];
    steps.push('emitter', 'emitter-later', 'stream-data-a', 'stream-data-b');
    for (const name of steps) expect(at(name)['correlationId'], name).toBe('c-1');
  });

  it('keeps concurrent contexts apart', () => {
    for (const id of ['p-1', 'p-2', 'p-3']) expect(at(`parallel-${id}`)['correlationId']).toBe(id);
  });

  it('keeps the outer id in a nested withTrace unless a new one is given', () => {
    expect(at('nested-empty')['correlationId']).toBe('c-1');
    expect(at('nested-undefined')['correlationId']).toBe('c-1');
    expect(at('nested-new')).toMatchObject({ correlationId: 'c-2', seen: 'c-2' });
    expect(at('nested-back')['correlationId']).toBe('c-1');
  });

  it('writes values safely: text escaped, undefined dropped, cycles marked, BigInt as a string', () => {
    const record = at('fields');
    expect(record).toMatchObject({ correlationId: 'f-1', text: 'a "quoted" line\nbreak', count: 3, ok: true, none: null });
    expect(record).not.toHaveProperty('missing');
    expect(record['circular']).toEqual({ name: 'loop', self: '[Circular]' });
    // the same object twice is not a cycle
    expect(record['pair']).toEqual([{ x: 1 }, { x: 1 }]);
    expect(record['big']).toBe('12345678901234567890');
    expect(record['nested']).toEqual({ deep: { big: '7' } });
  });

  it('writes Errors with type, message, stack, own fields and cause, wherever they are', () => {
    const record = at('error');
    const errorValue = record['err'] as Record<string, unknown>;
    expect(errorValue).toMatchObject({ type: 'TypeError', message: 'outer failure', code: 'E_OUTER' });
    expect(errorValue['stack']).toMatch(/^TypeError: outer failure\n\s+at /);
    expect(errorValue['cause']).toMatchObject({ type: 'Error', message: 'root cause' });
    expect((errorValue['cause'] as Record<string, unknown>)['stack']).toMatch(/^Error: root cause\n/);
    expect(record['nested']).toMatchObject({ inner: { type: 'RangeError', message: 'deep' } });
    expect(record['many']).toMatchObject({ type: 'AggregateError', message: 'several', errors: [{ type: 'Error', message: 'one' }] });
    expect((at('error-loop')['err'] as Record<string, unknown>)['cause']).toBe('[Circular]');
  });

  it('writes msg verbatim: % is never a format token', () => {
    expect(at('percent')['msg']).toBe('%s %d %i %f %j %o %O %% %c');
    expect(at('percent-fields')).toMatchObject({ msg: '100%s sure: %d', s: 'x', d: 1 });
  });

  it("keeps a call's field named like a record field under _name, never over the record's", () => {
    const record = at('collide');
    expect(record).toMatchObject({ time: expect.stringMatching(ISO_TIME), level: 'warn', msg: 'collide', correlationId: 'f-1' });
    expect(record).toMatchObject({ _time: 'T', _level: 'L', __msg: 'M', _msg: 'mine', _correlationId: 'FAKE' });
    expect(record).toMatchObject({ _trace_id: 'FAKE-T', _span_id: 'FAKE-S', _trace_flags: 'FAKE-F', toString: 'own' });
    for (const otel of ['trace_id', 'span_id', 'trace_flags']) expect(record).not.toHaveProperty(otel);
  });

  it('writes trace, debug and info to stdout, warn and error to stderr', () => {
    const levelsIn = (records: Record<string, unknown>[]): unknown[] =>
      records.filter((r) => String(r['step']).startsWith('level-')).map((r) => r['level']);
    expect(levelsIn(out)).toEqual(['trace', 'debug', 'info']);
    expect(levelsIn(err)).toEqual(['warn', 'error']);
    expect(out.every((r) => ['trace', 'debug', 'info'].includes(r['level'] as string))).toBe(true);
    expect(err.every((r) => ['warn', 'error'].includes(r['level'] as string))).toBe(true);
  });

  it('writes a record without fields', () => {
    const record = out.find((r) => r['msg'] === 'no fields at all');
    expect(Object.keys(record ?? {})).toEqual(['time', 'level', 'msg', 'correlationId']);
  });

  describe('LOG_LEVEL', () => {
    const everyLevel = "for (const level of ['trace', 'debug', 'info', 'warn', 'error']) log[level]('at ' + level);";
    const levels = async (env: Record<string, string>): Promise<unknown[]> => {
      const result = await runScript(variant, 'every-level', everyLevel, { env });
      expect(result.code).toBe(0);
      return [...jsonLines(result.stdout), ...jsonLines(result.stderr)].map((r) => r['level']);
    };

    it('keeps its level and the ones above, case-insensitively; unset or unknown keeps all', async () => {
      expect(await levels({ LOG_LEVEL: 'warn' })).toEqual(['warn', 'error']);
      expect(await levels({ LOG_LEVEL: 'INFO' })).toEqual(['info', 'warn', 'error']);
      expect(await levels({ LOG_LEVEL: 'silent' })).toEqual([]);
      expect(await levels({})).toEqual(['trace', 'debug', 'info', 'warn', 'error']);
      expect(await levels({ LOG_LEVEL: 'constructor' })).toEqual(['trace', 'debug', 'info', 'warn', 'error']);
    });

    it('returns from a disabled level before reading the fields or building a record', async () => {
      const probe = String.raw`
        let touched = 0;
        const fields = new Proxy({ a: 1 }, { ownKeys: (t) => { touched++; return Reflect.ownKeys(t); }, get: (t, k) => { touched++; return t[k]; } });
        const toISOString = Date.prototype.toISOString;
        Date.prototype.toISOString = function () { touched++; return toISOString.call(this); };
        withTrace({ correlationId: 'q' }, () => { log.trace('off', fields); log.debug('off', fields); log.info('off', fields); });
        process.stdout.write(JSON.stringify({ touched }) + '\n');
        log.warn('on', fields);
        process.stdout.write(JSON.stringify({ touched }) + '\n');`;
      const result = await runScript(variant, 'disabled-level', probe, { env: { LOG_LEVEL: 'warn' } });
      expect(result.code).toBe(0);
      const [before, after] = jsonLines(result.stdout);
      expect(before).toEqual({ touched: 0 });
      expect((after as { touched: number }).touched).toBeGreaterThan(0);
      expect(jsonLines(result.stderr)).toMatchObject([{ level: 'warn', msg: 'on', a: 1 }]);
    });
  });
});
