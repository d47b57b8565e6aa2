// OpenTelemetry ids in records, with the real SDK (BasicTracerProvider, in-memory exporter,
// AsyncLocalStorage context manager): present exactly when a span is active, equal to its context.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byStep } from './context-scenario.js';
import { jsonLines, prepareVariant, runScript, type RunnableVariant, type RunResult, type VariantOptions } from './runtime-project.js';

const VARIANTS: VariantOptions[] = [
  { language: 'ts', moduleFormat: 'esm', backend: 'json', openTelemetry: true },
  { language: 'ts', moduleFormat: 'cjs', backend: 'json', openTelemetry: true },
  { language: 'js', moduleFormat: 'esm', backend: 'json', openTelemetry: true },
  { language: 'js', moduleFormat: 'cjs', backend: 'json', openTelemetry: true },
  { language: 'ts', moduleFormat: 'esm', backend: 'pino', openTelemetry: true },
  { language: 'js', moduleFormat: 'cjs', backend: 'pino', openTelemetry: true },
];

const SCENARIO = String.raw`
log.info('before any SDK', { step: 'no-sdk' });
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
// Without a tracer provider, the API's active span is a placeholder with all-zero (invalid) ids.
trace.getTracer('no provider yet').startActiveSpan('placeholder', (span) => {
  log.info('placeholder span', { step: 'invalid-span', active: trace.getActiveSpan() === span });
  span.end();
});
const exporter = new InMemorySpanExporter();
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
const tracer = trace.getTracer('runtime-test');

log.info('no span', { step: 'no-span' });
await withTrace({ correlationId: 'o-1' }, () => tracer.startActiveSpan('outer', async (outer) => {
  log.info('in span', { step: 'in-span', trace_id: 'FAKE' });
  await sleep(1);
  log.info('in span after await', { step: 'in-span-await' });
  await tracer.startActiveSpan('inner', async (inner) => {
    await sleep(1);
    log.warn('in child span', { step: 'child-span' });
    inner.end();
  });
  outer.end();
}));
log.info('after the span', { step: 'after-span' });
const started = tracer.startSpan('started, never made active');
log.info('span not active', { step: 'inactive-span' });
started.end();
const unsampledTracer = new BasicTracerProvider({ sampler: new AlwaysOffSampler() }).getTracer('off');
unsampledTracer.startActiveSpan('unsampled', (span) => {
  const { traceId, spanId } = span.spanContext();
  log.info('unsampled span', { step: 'unsampled', expected: { traceId, spanId } });
  span.end();
});
for (const span of exporter.getFinishedSpans()) {
  const { traceId, spanId, traceFlags } = span.spanContext();
  process.stdout.write(JSON.stringify({ span: span.name, traceId, spanId, traceFlags }) + '\n');
}
`;

const IMPORTS: Record<string, string[]> = {
  '@opentelemetry/api': ['context', 'trace'],
  '@opentelemetry/sdk-trace-base': ['AlwaysOffSampler', 'BasicTracerProvider', 'InMemorySpanExporter', 'SimpleSpanProcessor'],
  '@opentelemetry/context-async-hooks': ['AsyncLocalStorageContextManager'],
};

describe.each(VARIANTS)('OpenTelemetry ids: $language $moduleFormat $backend', (options) => {
  let variant: RunnableVariant;
  let run: RunResult;
  let step: Map<string, Record<string, unknown>>;
  let spans: Map<string, { traceId: string; spanId: string; traceFlags: number }>;

  beforeAll(async () => {
    variant = prepareVariant(options);
    run = await runScript(variant, 'otel-scenario', SCENARIO, { imports: IMPORTS });
    const records = [...jsonLines(run.stdout), ...jsonLines(run.stderr)];
    step = byStep(records);
    spans = new Map(records.filter((r) => 'span' in r).map((r) => [r['span'] as string, r as never]));
  });
  afterAll(() => variant?.project.remove());

  const at = (name: string): Record<string, unknown> => {
    const record = step.get(name);
    if (record === undefined) throw new Error(`no record for step ${name}; stdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
    return record;
  };
  const span = (name: string): { traceId: string; spanId: string; traceFlags: number } => {
    const found = spans.get(name);
    if (found === undefined) throw new Error(`span ${name} was not exported; stdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
    return found;
  };

  it("carries the active span's trace_id, span_id and trace_flags, across await", () => {
    expect(run.code).toBe(0);
    const outer = span('outer');
    expect(outer.traceFlags).toBe(1);
    for (const name of ['in-span', 'in-span-await']) {
      expect(at(name), name).toMatchObject({ correlationId: 'o-1', trace_id: outer.traceId, span_id: outer.spanId, trace_flags: '01' });
    }
    const inner = span('inner');
    expect(inner.traceId).toBe(outer.traceId);
    expect(at('child-span')).toMatchObject({ correlationId: 'o-1', trace_id: inner.traceId, span_id: inner.spanId, trace_flags: '01' });
  });

  it('places the OpenTelemetry ids after the correlation id and never takes them from call-site fields', () => {
    const record = at('in-span');
    const keys = Object.keys(record).filter((key) => ['correlationId', 'trace_id', 'span_id', 'trace_flags'].includes(key));
    expect(keys).toEqual(['correlationId', 'trace_id', 'span_id', 'trace_flags']);
    expect(record['_trace_id']).toBe('FAKE');
    expect(record['trace_id']).toMatch(/^[0-9a-f]{32}$/);
    expect(record['span_id']).toMatch(/^[0-9a-f]{16}$/);
  });

  it('writes trace_flags 00 for an unsampled span', () => {
    const record = at('unsampled');
    const expected = record['expected'] as { traceId: string; spanId: string };
    expect(record).toMatchObject({ trace_id: expected.traceId, span_id: expected.spanId, trace_flags: '00' });
  });

  it('invents nothing without an active span: no SDK, no provider, no span, a span never made active', () => {
    expect(at('invalid-span')['active']).toBe(true);
    for (const name of ['no-sdk', 'invalid-span', 'no-span', 'after-span', 'inactive-span']) {
      for (const field of ['trace_id', 'span_id', 'trace_flags']) expect(at(name), `${name} ${field}`).not.toHaveProperty(field);
    }
    expect(at('after-span')).not.toHaveProperty('correlationId');
  });
});
