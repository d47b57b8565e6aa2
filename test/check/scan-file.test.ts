import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACE_PARAM_NAMES } from '../../src/config/config.js';
import { couldHaveMatches, scanFile, type ScanOptions } from '../../src/check/scan-file.js';
import type { SourceText } from '../../src/syntax/source-text.js';

const interpolated: ScanOptions = { traceParamNames: new Set(DEFAULT_TRACE_PARAM_NAMES), logScope: 'interpolated' };
const all: ScanOptions = { ...interpolated, logScope: 'all' };

function source(text: string, path = '/p/src/file.ts'): SourceText {
  return { path, text, bom: false, eol: '\n', mode: 0o644 };
}

function scan(text: string, options = interpolated, path?: string) {
  const result = scanFile(source(text, path), options);
  if (result.parseFailure) throw new Error(`unexpected parse failure: ${result.parseFailure.message}`);
  return result.matches;
}

describe('scanFile: trace-params', () => {
  it('finds trace parameters in every kind of declaration, with the enclosing names', () => {
    const matches = scan(
      [
        'export function settle(invoiceId: string, requestId: string) {}',
        'const charge = async (amount: number, reqId?: string) => amount;',
        'class Billing {',
        '  constructor(private readonly correlationId: string) {}',
        '  get(id: string, reqId = "none") { return id; }',
        '}',
        'interface Store { save(traceId: string, row: unknown): void }',
        'type Handler = (xRequestId: string) => void;',
        'export default function (req_id: string) {}',
        'const api = { call(request_id: string) {} };',
      ].join('\n'),
    );
    expect(matches.map((m) => [m.ruleId, m.start.line, m.start.column, m.scope.join('.'), m.code])).toEqual([
      ['trace-params', 1, 43, 'settle', 'requestId'],
      ['trace-params', 2, 39, 'charge', 'reqId'],
      ['trace-params', 4, 32, 'Billing.constructor', 'correlationId'],
      ['trace-params', 5, 19, 'Billing.get', 'reqId'],
      ['trace-params', 7, 24, 'Store.save', 'traceId'],
      ['trace-params', 8, 17, 'Handler', 'xRequestId'],
      ['trace-params', 9, 26, 'default', 'req_id'],
      ['trace-params', 10, 20, 'api.call', 'request_id'],
    ]);
    expect(matches[0].message).toBe(
      'Parameter `requestId` in `settle` threads a request id by hand; read it from the trace context instead.',
    );
    expect(matches[0].end).toEqual({ line: 1, column: 52 });
  });

  it('ignores other names, arguments and variables named like a trace id', () => {
    const matches = scan(['function a(id: string) { const requestId = id; return requestId; }', 'call(reqId);', 'const o = { traceId: 1 };'].join('\n'));
    expect(matches).toEqual([]);
  });

  it('finds names destructured from a parameter, as the migration removes them', () => {
    const matches = scan('function a(id: string, { reqId, user: { traceId } }: Options) { return id; }');
    expect(matches.map((m) => [m.code, m.start.column, m.scope.join('.')])).toEqual([
      ['reqId', 26, 'a'],
      ['traceId', 41, 'a'],
    ]);
  });

  it('does not flag business keys the migration keeps (map, lock and database keys, comparisons)', () => {
    const matches = scan(
      [
        'const approvals = new Map<string, boolean>();',
        'export function approve(requestId: string) { approvals.set(requestId, true); }',
        'export function exclusive(requestId: string) { return acquireLock(requestId); }',
        'export function load(requestId: string) { return db.leave.findUnique({ requestId }) ?? repo.findOne(requestId); }',
        'export function same(requestId: string, other: string) { return requestId === other; }',
        'export function logged(requestId: string) { console.log(`[${requestId}] ok`); }',
        'declare function acquireLock(key: string): void;',
        'declare const db: any, repo: any;',
      ].join('\n'),
    ).filter((m) => m.ruleId === 'trace-params');
    // `load` passes the id into an object (not syntactically a key) and to repo.findOne (a database call).
    expect(matches.map((m) => m.scope.join('.'))).toEqual(['logged']);
  });

  it('does not flag ids the migration keeps through ==, !=, switch, an object passed to a database call or a local (regression)', () => {
    const matches = scan(
      [
        'export function loose(requestId: string, other: string) { return requestId == other; }',
        'export function looseNot(requestId: string, other: string) { if (requestId != other) throw new Error(); }',
        "export function branch(requestId: string) { switch (requestId) { case 'a': return 1; default: return 2; } }",
        'export async function store(requestId: string) { await db.insert({ requestId, at: Date.now() }); }',
        'export function keyed(requestId: string) { const key = `leave:${requestId}`; return cache.get(key); }',
        'export function passedOn(requestId: string) { send({ requestId }); return requestId === undefined; }',
        'declare const db: any, cache: any; declare function send(x: unknown): void;',
      ].join('\n'),
    ).filter((m) => m.ruleId === 'trace-params');
    // `passedOn` only sends the id out and checks it for presence: a trace id, flagged.
    expect(matches.map((m) => m.scope.join('.'))).toEqual(['passedOn']);
  });

  it('keeps an id in every member of an interface/override group when one member keys on it', () => {
    const matches = scan(
      [
        'interface Notifier { notify(m: string, reqId: string): void }',
        'class Plain implements Notifier { notify(m: string, reqId: string) { console.log(`[${reqId}] ${m}`); } }',
        'class Dedup extends Plain { seen = new Set<string>(); notify(m: string, reqId: string) { this.seen.add(reqId); } }',
        'class Other { notify(m: string, reqId: string) { console.log(`[${reqId}] ${m}`); } }',
      ].join('\n'),
    ).filter((m) => m.ruleId === 'trace-params');
    expect(matches.map((m) => m.scope.join('.'))).toEqual(['Other.notify']);
  });

  it('treats a parameter that a caller in the file hands its own key as that key', () => {
    const matches = scan(
      [
        'function notify(to: string, requestId: string) { console.log(`${to} ${requestId}`); }',
        'export function create(to: string, reqId: string) {',
        '  const requestId = randomUUID();',
        '  approvals.set(requestId, to);',
        '  notify(to, requestId);',
        '  console.log(`[${reqId}] created`);',
        '}',
      ].join('\n'),
    ).filter((m) => m.ruleId === 'trace-params');
    expect(matches.map((m) => m.scope.join('.'))).toEqual(['create']);
  });

  it('uses only the configured names', () => {
    const options: ScanOptions = { traceParamNames: new Set(['rid']), logScope: 'interpolated' };
    expect(scan('function a(rid: string, reqId: string) {}', options).map((m) => m.code)).toEqual(['rid']);
  });
});

describe('scanFile: structured-logs', () => {
  const logs = (text: string, options = interpolated) =>
    scan(text, options)
      .filter((m) => m.ruleId === 'structured-logs')
      .map((m) => m.message.match(/\((.*)\);/)?.[1] ?? 'constant');

  it('names how each console call interpolates values', () => {
    expect(
      logs(
        [
          'console.log(`[${id}] settling ${invoice}`);',
          "console.info('[' + id + '] row');",
          "console.warn('retry %s of %d', attempt, total);",
          "console.error('failed', err);",
          'console.debug(...parts);',
          "console.trace(('x ' + y));",
        ].join('\n'),
      ),
    ).toEqual(['template literal', 'string concatenation', 'format specifiers', 'extra arguments', 'spread arguments', 'string concatenation']);
  });

  it('leaves constant messages alone unless logScope is all', () => {
    const text = [
      "console.log('started');",
      'console.log(`no substitutions`);',
      "console.info('a' + 'b');",
      'console.log();',
      // Already a structured record: the log rule leaves it alone, so the gate does too.
      "console.log(JSON.stringify({ level: 'info', msg }));",
    ].join('\n');
    expect(logs(text)).toEqual([]);
    expect(logs(text, all)).toEqual(['constant', 'constant', 'constant', 'constant']);
    expect(scan("console.log('started');", all)[0].message).toBe(
      '`console.log` writes an unstructured log line; use the structured log facade instead.',
    );
  });

  it('only looks at console.log/info/debug/warn/error/trace', () => {
    const text = [
      'console.table(`${rows}`);',
      'logger.info(`${x}`);',
      'this.console.log(`${x}`);',
      "console['table'](`${x}`);",
    ].join('\n');
    expect(logs(text, all)).toEqual([]);
  });

  it("finds console['warn'](…) as the migration converts it (regression: the gate missed it)", () => {
    expect(logs("console['warn'](`x ${n}`);\n(console).log('a', n);")).toEqual(['template literal', 'extra arguments']);
  });

  it('counts a lone value as interpolated, as the log rule does (`console.error(err)` becomes `{err}`)', () => {
    expect(logs('console.error(err);')).toEqual(['extra arguments']);
  });

  it('reports the call position, its enclosing names and its code', () => {
    const [match] = scan('class A {\n  run(id: string) {\n    console.log(`id ${id}`);\n  }\n}\n');
    expect(match).toEqual({
      ruleId: 'structured-logs',
      start: { line: 3, column: 5 },
      end: { line: 3, column: 28 },
      message:
        '`console.log` in `A.run` interpolates values into its message (template literal); log a constant message with structured fields instead.',
      scope: ['A', 'run'],
      code: 'console.log(`id ${id}`)',
    });
  });
});

describe('scanFile: parsing', () => {
  it('parses TSX and JSX by extension', () => {
    const tsx = 'export const A = (p: { reqId: string }) => <div onClick={() => console.log(`x ${p}`)}>{p.reqId}</div>;';
    expect(scan(tsx, interpolated, '/p/a.tsx').map((m) => m.ruleId)).toEqual(['structured-logs']);
    expect(scan('const b = <b>{console.log("a", n)}</b>;', interpolated, '/p/b.jsx').map((m) => m.ruleId)).toEqual([
      'structured-logs',
    ]);
  });

  it('reports the first syntax error and how many there are', () => {
    const result = scanFile(source('const a = ;\nfunction (\n'), interpolated);
    expect(result.parseFailure).toEqual({ start: { line: 1, column: 11 }, message: 'Expression expected.', count: 3 });
  });
});

describe('couldHaveMatches', () => {
  it('is false only when neither console nor a trace name appears in the text', () => {
    expect(couldHaveMatches('export const a = 1;', interpolated)).toBe(false);
    expect(couldHaveMatches('// console', interpolated)).toBe(true);
    expect(couldHaveMatches('f(correlationId)', interpolated)).toBe(true);
  });
});
