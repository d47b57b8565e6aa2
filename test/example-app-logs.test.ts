// The e2e test's log comparison, on synthetic lines: it must accept equal logs and reject a wrong
// id, a missing field, a wrong stream or level, and lines that are not what they should be.
import { describe, expect, it } from 'vitest';
import { planRequests, parseStartupPort } from './support/example-app.js';
import {
  diffEntriesById,
  entriesFromJsonLogs,
  entriesFromTextLogs,
  levelOfConsoleMethod,
  parseJsonLogs,
  parseTextLogs,
  renderStructured,
} from './support/log-records.js';
import { traceParametersInSource } from './support/trace-params.js';

const OLD_STDOUT = ['[r-1] placing order o-7 for c-1', '[r-1] loaded order {"id":"o-7","total":12.5}', '[r-2] responding 200'];
const OLD_STDERR = ['[r-2] payment failed with gateway status 402'];
const OLD_CALLS = [
  { method: 'info', line: OLD_STDOUT[0] },
  { method: 'log', line: OLD_STDOUT[1] },
  { method: 'log', line: OLD_STDOUT[2] },
  { method: 'error', line: OLD_STDERR[0] },
] as const;

const record = (fields: Record<string, unknown>) => JSON.stringify({ time: '2025-01-01T00:00:00.000Z', ...fields });
const NEW_STDOUT = [
  record({ level: 'info', msg: 'placing order {orderId} for {customerId}', correlationId: 'r-1', orderId: 'o-7', customerId: 'c-1' }),
  record({ level: 'info', msg: 'loaded order {order}', correlationId: 'r-1', order: { id: 'o-7', total: 12.5 } }),
  record({ level: 'info', msg: 'responding {status}', correlationId: 'r-2', status: 200 }),
];
const NEW_STDERR = [
  record({ level: 'error', msg: 'payment failed with gateway status {errorStatus}', correlationId: 'r-2', errorStatus: 402 }),
];

function expected() {
  const records = [...parseTextLogs(OLD_STDOUT, 'stdout'), ...parseTextLogs(OLD_STDERR, 'stderr')];
  return entriesFromTextLogs(records, OLD_CALLS);
}

function actual(stdout: string[], stderr: string[] = NEW_STDERR) {
  return entriesFromJsonLogs([...parseJsonLogs(stdout, 'stdout'), ...parseJsonLogs(stderr, 'stderr')]);
}

describe('parseTextLogs', () => {
  it('splits the [id] prefix off, keeping the rest byte for byte', () => {
    expect(parseTextLogs(['[a-1] x ] y  ', 'no prefix', '[] empty id'], 'stderr')).toEqual([
      { id: 'a-1', text: 'x ] y  ', stream: 'stderr', line: '[a-1] x ] y  ' },
      { id: undefined, text: 'no prefix', stream: 'stderr', line: 'no prefix' },
      { id: '', text: 'empty id', stream: 'stderr', line: '[] empty id' },
    ]);
  });
});

describe('parseJsonLogs', () => {
  it('keeps JSON objects and marks every other line as null', () => {
    const lines = ['{"msg":"a"}', '[1]', '42', 'order service listening on port 1', '{"broken"'];
    expect(parseJsonLogs(lines, 'stdout').map((line) => line.record)).toEqual([{ msg: 'a' }, null, null, null, null]);
  });
});

describe('renderStructured', () => {
  it('puts primitives in with String() and objects and arrays with JSON.stringify()', () => {
    const rendered = renderStructured({
      msg: '{a} {b} {c} {d} {e} {f} {correlationId}',
      a: 'text',
      b: 12.5,
      c: false,
      d: null,
      e: { id: 'o-1', lines: [{ sku: 'mug' }] },
      f: ['x', 1],
      correlationId: 'r-9',
    });
    expect(rendered).toBe('text 12.5 false null {"id":"o-1","lines":[{"sku":"mug"}]} ["x",1] r-9');
  });

  it('does not substitute placeholders that appear inside values', () => {
    expect(renderStructured({ msg: '{a} and {b}', a: '{b}', b: 'B' })).toBe('{b} and B');
  });

  it('leaves a placeholder without a field in place', () => {
    expect(renderStructured({ msg: 'total {total} for {orderId}', orderId: 'o-1' })).toBe('total {total} for o-1');
  });

  it('rejects a record without a string msg', () => {
    expect(() => renderStructured({ message: 'x' })).toThrow(/no string msg/);
  });
});

describe('the before/after comparison', () => {
  it('accepts the same logs per id, whatever the order', () => {
    const before = expected();
    const after = actual([...NEW_STDOUT].reverse());
    expect(before.problems).toEqual([]);
    expect(after.problems).toEqual([]);
    expect(diffEntriesById(before.entries, after.entries)).toEqual([]);
  });

  it('fails when a record carries the wrong id', () => {
    const wrongId = NEW_STDOUT.map((line) => line.replace('"correlationId":"r-2"', '"correlationId":"r-1"'));
    expect(diffEntriesById(expected().entries, actual(wrongId).entries)).toEqual([
      'missing ["r-2","stdout","info","responding 200"]',
      'unexpected ["r-1","stdout","info","responding 200"]',
    ]);
  });

  it('fails when a field is missing', () => {
    const missingField = [NEW_STDOUT[0].replace(',"customerId":"c-1"', ''), NEW_STDOUT[1], NEW_STDOUT[2]];
    expect(diffEntriesById(expected().entries, actual(missingField).entries)).toEqual([
      'missing ["r-1","stdout","info","placing order o-7 for c-1"]',
      'unexpected ["r-1","stdout","info","placing order o-7 for {customerId}"]',
    ]);
  });

  it('fails when a record goes to the other stream or has another level', () => {
    const onStdout = actual([...NEW_STDOUT, NEW_STDERR[0]], []);
    expect(diffEntriesById(expected().entries, onStdout.entries)).toHaveLength(2);
    const asWarn = actual(NEW_STDOUT, [NEW_STDERR[0].replace('"level":"error"', '"level":"warn"')]);
    expect(diffEntriesById(expected().entries, asWarn.entries)).toHaveLength(2);
  });

  it('fails when a record is lost or duplicated', () => {
    expect(diffEntriesById(expected().entries, actual(NEW_STDOUT.slice(1)).entries)).toHaveLength(1);
    expect(diffEntriesById(expected().entries, actual([...NEW_STDOUT, NEW_STDOUT[2]]).entries)).toHaveLength(1);
  });

  it('reports lines that are not records with a correlation id and a level', () => {
    const { problems } = actual(['[r-1] still text', record({ level: 'info', msg: 'no id' }), record({ level: 'loud', msg: 'x', correlationId: 'r-1' })], []);
    expect(problems).toEqual([
      'stdout: not a JSON object: [r-1] still text',
      expect.stringMatching(/^stdout: no correlationId: /),
      expect.stringMatching(/^stdout: bad level: /),
    ]);
  });

  it('reports old lines without an id prefix or without a matching console call', () => {
    const records = parseTextLogs(['no prefix', '[r-1] never tapped'], 'stdout');
    expect(entriesFromTextLogs(records, [{ method: 'log', line: 'no prefix' }]).problems).toEqual([
      'stdout: no [id] prefix: no prefix',
      'stdout: no console call wrote: [r-1] never tapped',
    ]);
  });

  it('maps console methods to levels', () => {
    expect((['log', 'info', 'debug', 'warn', 'error'] as const).map(levelOfConsoleMethod)).toEqual([
      'info',
      'info',
      'debug',
      'warn',
      'error',
    ]);
  });
});

describe('harness helpers', () => {
  it('reads the port from a text or a JSON startup line, and nothing else', () => {
    expect(parseStartupPort('order service listening on port 40123')).toBe(40123);
    expect(parseStartupPort('{"level":"info","msg":"listening on port {port}","port":40124}')).toBe(40124);
    expect(parseStartupPort('[r-1] GET /orders/o-1001')).toBeUndefined();
  });

  it('plans one request per id over every route', () => {
    const plan = planRequests(Array.from({ length: 20 }, (_, i) => `id-${i}`));
    expect(new Set(plan.map((request) => request.id)).size).toBe(20);
    expect(new Set(plan.map((request) => `${request.method} ${request.path.replace(/o-[\w-]+/g, ':id')}`))).toEqual(
      new Set(['POST /orders', 'GET /orders/:id', 'POST /orders/:id/invoice']),
    );
    expect(plan.filter((request) => request.path.endsWith('/invoice')).map((request) => request.path)).toEqual([
      '/orders/o-1001/invoice',
      '/orders/o-1002/invoice',
      '/orders/o-1003/invoice',
      '/orders/o-1001/invoice',
    ]);
  });

  it('finds trace-named parameters anywhere, destructured and in function types too', () => {
    const source = [
      'function a(reqId: string, x = 1) {}',
      'const b = ({ requestId }: { requestId: string }) => requestId;',
      'type Listener = (order: unknown, traceId: string) => void;',
      'class C { m(id: string, correlationId?: string) {} }',
      'function clean(orderId: string) { const reqId = orderId; return reqId; }',
    ].join('\n');
    expect(traceParametersInSource('x.ts', source, ['reqId', 'requestId', 'traceId', 'correlationId'])).toEqual([
      'x.ts:1: reqId',
      'x.ts:2: requestId',
      'x.ts:3: traceId',
      'x.ts:4: correlationId',
    ]);
  });
});
