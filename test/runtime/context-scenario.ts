// The script every variant runs (as the body of an async function, see runScript): each record
// carries a `step` field naming what it checks, so tests look records up by step, not by order.
export const CONTEXT_SCENARIO = String.raw`
log.info('outside', { step: 'outside', seen: String(traceId()), current: String(currentTrace()) });

const returned = withTrace({ correlationId: 'sync-1' }, () => 42);
log.info('returned', { step: 'sync-return', value: returned });
try {
  withTrace({ correlationId: 'throw-1' }, () => { throw new Error('sync boom'); });
} catch (error) {
  log.info('caught', { step: 'sync-throw', message: error.message, seen: String(traceId()) });
}
await withTrace({ correlationId: 'throw-2' }, async () => { await sleep(1); throw new Error('async boom'); })
  .catch((error) => log.info('caught', { step: 'async-throw', message: error.message }));

const value = await withTrace({ correlationId: 'c-1' }, async () => {
  log.info('start', { step: 'start', seen: traceId(), current: currentTrace(), frozen: Object.isFrozen(currentTrace()) });
  await sleep(1);
  log.info('after await', { step: 'await' });
  await Promise.all([1, 2].map(async (n) => { await sleep(3 - n); log.info('in Promise.all', { step: 'promise-all-' + n }); }));
  await new Promise((resolve) => setTimeout(() => { log.info('timer', { step: 'setTimeout' }); resolve(); }, 1));
  await new Promise((resolve) => setImmediate(() => { log.info('immediate', { step: 'setImmediate' }); resolve(); }));
  await new Promise((resolve) => process.nextTick(() => { log.info('tick', { step: 'nextTick' }); resolve(); }));
  await new Promise((resolve) => queueMicrotask(() => { log.info('microtask', { step: 'queueMicrotask' }); resolve(); }));
  await Promise.resolve().then(() => log.info('then', { step: 'then' }));

  const emitter = new EventEmitter();
  emitter.on('ready', () => log.info('listener', { step: 'emitter' }));
  emitter.emit('ready');
  const later = new EventEmitter();
  later.on('done', () => log.info('listener', { step: 'emitter-later' }));
  setTimeout(() => later.emit('done'), 2);
  await sleep(5);
  const stream = Readable.from(['a', 'b']);
  stream.on('data', (chunk) => log.info('data', { step: 'stream-data-' + chunk }));
  await new Promise((resolve) => stream.on('end', resolve));

  await withTrace({}, async () => { await sleep(1); log.info('nested', { step: 'nested-empty' }); });
  withTrace({ correlationId: undefined }, () => log.info('nested', { step: 'nested-undefined' }));
  await withTrace({ correlationId: 'c-2' }, async () => { await sleep(1); log.info('nested', { step: 'nested-new', seen: traceId() }); });
  log.info('back', { step: 'nested-back' });
  return 'done';
});
log.info('value', { step: 'async-return', value });
log.info('outside again', { step: 'outside-after', seen: String(traceId()) });

await Promise.all(['p-1', 'p-2', 'p-3'].map((id, i) =>
  withTrace({ correlationId: id }, async () => { await sleep(6 - 2 * i); log.info('parallel', { step: 'parallel-' + id }); })));

withTrace({ correlationId: 'f-1' }, () => {
  const circular = { name: 'loop' };
  circular.self = circular;
  const shared = { x: 1 };
  log.info('fields', {
    step: 'fields', text: 'a "quoted" line\nbreak', count: 3, ok: true, none: null, missing: undefined,
    circular, pair: [shared, shared], big: 12345678901234567890n, nested: { deep: { big: 7n } },
  });
  const cause = new Error('root cause');
  const err = new TypeError('outer failure', { cause });
  err.code = 'E_OUTER';
  log.error('failed', { step: 'error', err, nested: { inner: new RangeError('deep') }, many: new AggregateError([new Error('one')], 'several') });
  const selfCaused = new Error('self');
  selfCaused.cause = selfCaused;
  log.error('loop', { step: 'error-loop', err: selfCaused });
  log.info('%s %d %i %f %j %o %O %% %c', { step: 'percent' });
  log.info('100%s sure: %d', { step: 'percent-fields', s: 'x', d: 1 });
  log.warn('collide', {
    step: 'collide', time: 'T', level: 'L', msg: 'M', correlationId: 'FAKE',
    trace_id: 'FAKE-T', span_id: 'FAKE-S', trace_flags: 'FAKE-F', _msg: 'mine', toString: 'own',
  });
  for (const level of ['trace', 'debug', 'info', 'warn', 'error']) log[level]('level ' + level, { step: 'level-' + level });
  log.info('no fields at all');
});
`;

/** Modules the scenario needs besides the runtime. */
export const CONTEXT_SCENARIO_IMPORTS: Record<string, string[]> = {
  'node:events': ['EventEmitter'],
  'node:stream': ['Readable'],
};

/** Records by step; fails when a step is missing or logged twice. */
export function byStep(records: Record<string, unknown>[]): Map<string, Record<string, unknown>> {
  const steps = new Map<string, Record<string, unknown>>();
  for (const record of records) {
    const step = record['step'];
    if (typeof step !== 'string') continue;
    if (steps.has(step)) throw new Error(`step ${step} logged twice`);
    steps.set(step, record);
  }
  return steps;
}
