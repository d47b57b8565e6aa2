// The parser-neutral log core on its own: messages, placeholders, field names, id affixes.
// Calls are parsed with TypeScript and described with the engine's adapter; `reqId` stands for
// a migrated trace id and `err` for an Error.
import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { valueShapeOf } from '../../src/syntax/log-shapes.js';
import { buildStructuredLog, buildStructuredMessage, messageValues, type StructuredLogOptions } from '../../src/syntax/log-core/structured-log.js';
import { renderStructuredLogCall } from '../../src/syntax/log-core/render-structured-log.js';
import { fieldNameOf } from '../../src/syntax/log-core/value-shape.js';

function argsOf(call: string) {
  const file = ts.createSourceFile('snippet.ts', call, ts.ScriptTarget.ES2022, true);
  const statement = file.statements[0] as ts.ExpressionStatement;
  const expr = statement.expression as ts.CallExpression;
  return expr.arguments.map((a) =>
    valueShapeOf(a, {
      code: (e) => e.getText(file),
      isTraceId: (e) => ts.isIdentifier(e) && e.text === 'reqId',
      isError: (e) => ts.isIdentifier(e) && e.text === 'err',
    }),
  );
}

function convert(call: string, options: Partial<StructuredLogOptions> = {}): string {
  const method = /^console\.(\w+)/.exec(call)![1]!;
  const log = buildStructuredLog({ method, args: argsOf(call) }, { idField: 'correlationId', ...options });
  return renderStructuredLogCall(log, { facade: 'log', quote: "'", indent: '', indentUnit: '  ', eol: '\n', column: 0, maxLineLength: 1000 });
}

describe('messages', () => {
  it.each([
    ['console.log(`settled ${invoice.id} for ${total}`)', "log.info('settled {invoiceId} for {total}', { invoiceId: invoice.id, total })"],
    ["console.log('a ' + b + ' c ' + d.e)", "log.info('a {b} c {dE}', { b, dE: d.e })"],
    ["console.log(a + b + ' total')", "log.info('{aPlusB} total', { aPlusB: a + b })"],
    ["console.log('n ' + (a + 1) + ' x')", "log.info('n {aPlus1} x', { aPlus1: a + 1 })"],
    ["console.log(`x ${a} ` + 'y ' + b)", "log.info('x {a} y {b}', { a, b })"],
    ["console.log('%s has %d (%i%%) %f %j %o %O', a, b, b, c, d, d, d)", "log.info('{a} has {b} ({b}%) {c} {d} {d} {d}', { a, b, c, d })"],
    ["console.log('%cred%c %s', 'color: red', '', a)", "log.info('red {a}', { a })"],
    ["console.log('too few %s %s, 100%%', a)", "log.info('too few {a} %s, 100%', { a })"],
    ["console.log('only 100%% text')", "log.info('only 100%% text')"],
    ["console.log('DB result:', row)", "log.info('DB result: {row}', { row })"],
    ["console.log('inline', 'strings', 42, `and ${a}`)", "log.info('inline strings 42 and {a}', { a })"],
    ['console.log(row, a)', "log.info('{row} {a}', { row, a })"],
    ['console.log()', "log.info('')"],
    ["console.error('failed', err)", "log.error('failed {err}', { err })"],
    ['console.warn(`failed: ${err.message}`, err)', "log.warn('failed: {errorMessage} {err}', { errorMessage: err.message, err })"],
    ['console.trace(`at ${a}`)', "log.trace('at {a}', { a, stack: new Error().stack })"],
    ['console.trace(`stack ${stack}`)', "log.trace('stack {stack}', { stack, stack2: new Error().stack })"],
  ])('%s', (call, expected) => {
    expect(convert(call)).toBe(expected);
  });
});

describe('an object appended to the message', () => {
  it.each([
    // Its plain properties join the fields, and console's space before it goes too.
    ["console.log('order saved', { orderId, ms: Date.now() - t0 })", "log.info('order saved', { orderId, ms: Date.now() - t0 })"],
    ["console.log(`order ${order.id} saved`, { ms, 'x-cache': hit })", "log.info('order {orderId} saved', { orderId: order.id, ms, 'x-cache': hit })"],
    ["console.log('%s saved', a, { b }, c)", "log.info('{a} saved {c}', { a, b, c })"],
    // The same key already holding the same value is one field.
    ["console.log(`order ${order} saved`, { order })", "log.info('order {order} saved', { order })"],
    // The id is the context's: a property holding it is left out.
    ["console.log('saved', { requestId: reqId, orderId })", "log.info('saved', { orderId })"],
    // A key another value took, a record field, or a property that is not plain: one field, as before.
    ["console.log(`order ${order} saved`, { order: other })", "log.info('order {order} saved {details}', { order, details: { order: other } })"],
    ["console.log('saved', { level: 'x' })", "log.info('saved {details}', { details: { level: 'x' } })"],
    ["console.log('saved', { ...rest, a })", "log.info('saved {details}', { details: { ...rest, a } })"],
    ["console.log('saved', { [key]: a })", "log.info('saved {details}', { details: { [key]: a } })"],
    // Nothing else in the message: it stays a placeholder rather than an empty message.
    ['console.log(`[${reqId}]`, { orderId })', "log.info('{details}', { details: { orderId } })"],
    ['console.log({ orderId })', "log.info('{details}', { details: { orderId } })"],
  ])('%s', (call, expected) => {
    expect(convert(call)).toBe(expected);
  });

  it('gives its fields under their keys when the logger keeps leftover arguments as fields', () => {
    const { message, fields } = buildStructuredMessage(argsOf("f('saved %s', a, { b, c: d.e })"), { idField: 'correlationId', leftoverArgs: 'fields' });
    expect({ message, fields }).toEqual({ message: 'saved {a}', fields: [{ name: 'a', code: 'a' }, { name: 'b', code: 'b' }, { name: 'c', code: 'd.e' }] });
  });
});

describe('the id', () => {
  it.each([
    ['console.log(`[${reqId}] start ${a}`)', "log.info('start {a}', { a })"],
    ['console.log(`${reqId}: start`)', "log.info('start')"],
    ['console.log(`reqId=${reqId} start`)', "log.info('start')"],
    ['console.log(`(req ${reqId}) start`)', "log.info('start')"],
    ['console.log(`<${reqId}> start`)', "log.info('start')"],
    ["console.log('[' + reqId + '] start')", "log.info('start')"],
    ["console.log('[%s] start', reqId)", "log.info('start')"],
    ['console.log(`start [${reqId}]`)', "log.info('start')"],
    ['console.log(`start - ${reqId}`)', "log.info('start')"],
    ['console.log(`start (request ${reqId})`)', "log.info('start')"],
    ['console.log(`start by ${reqId} now`)', "log.info('start by {correlationId} now')"],
    ['console.log(`start by ${reqId}`)', "log.info('start by {correlationId}')"],
    ['console.log(`[${String(reqId)}] a ${JSON.stringify(reqId)}`)', "log.info('a {correlationId}')"],
    ['console.log(`[${reqId.toString()}] a`)', "log.info('a')"],
    ['console.log(reqId)', "log.info('{correlationId}')"],
  ])('%s', (call, expected) => {
    expect(convert(call)).toBe(expected);
  });

  it('uses the configured id field', () => {
    expect(convert('console.log(`seen ${reqId} twice`)', { idField: 'reqId' })).toBe("log.info('seen {reqId} twice')");
  });

  it('never becomes a field', () => {
    const { fields } = buildStructuredMessage(argsOf('console.log(`${reqId} ${a} ${reqId} ${String(reqId)}`, reqId)'), { idField: 'correlationId' });
    expect(fields.map((f) => f.name)).toEqual(['a']);
  });
});

describe('field names', () => {
  const nameOf = (expr: string) => fieldNameOf(argsOf(`f(${expr})`)[0]!);
  it.each([
    ['receipt', 'receipt'],
    ['user_name', 'user_name'],
    ['receipt.id', 'receiptId'],
    ['row.created_at', 'createdAt'],
    ['this.queue.length', 'queueLength'],
    ['MAX_RETRIES', 'maxRetries'],
    ['config.MAX_SIZE', 'maxSize'],
    ['TIMEOUT', 'timeout'],
    ['rows[0]', 'firstRow'],
    ['rows[i]', 'row'],
    ["headers['x-request-id']", 'xRequestId'],
    ['user.getName()', 'userName'],
    ['this.getTotal()', 'total'],
    ['Date.now()', 'now'],
    ['total.toFixed(2)', 'total'],
    ['items.join(", ")', 'items'],
    ['getUser(id).email', 'email'],
    ['new Date()', 'date'],
    ['await fetchRows()', 'rows'],
    ['items.length + 1', 'itemCountPlus1'],
    ['a > b', 'aAboveB'],
    ['!ready', 'notReady'],
    ['typeof x', 'xType'],
    ['name ?? "anon"', 'name'],
    ['{ a: 1 }', 'details'],
    ['[a, b]', 'values'],
    ['cond ? a : b', 'value'],
  ])('%s → %s', (expr, expected) => {
    expect(nameOf(expr)).toBe(expected);
  });

  it('resolves collisions deterministically and keeps record names free', () => {
    const { fields } = buildStructuredMessage(argsOf('f(`${receipt.id} ${receiptId} ${receipt.id} ${msg} ${level} ${correlationId}`)'), { idField: 'correlationId' });
    expect(fields).toEqual([
      { name: 'receiptId', code: 'receipt.id' },
      { name: 'receiptId2', code: 'receiptId' },
      { name: 'msgValue', code: 'msg' },
      { name: 'levelValue', code: 'level' },
      { name: 'correlationIdValue', code: 'correlationId' },
    ]);
  });

  it('reuses a field the call already has for the same value', () => {
    const { fields, message } = buildStructuredMessage(argsOf('f(`order ${order.id} of ${total}`)'), {
      idField: 'correlationId',
      existingFields: [{ name: 'id', code: 'order.id' }],
    });
    expect(message).toBe('order {id} of {total}');
    expect(fields).toEqual([{ name: 'total', code: 'total' }]);
  });
});

describe('messageValues', () => {
  it('lists what the message takes over, leftovers included', () => {
    const codes = (call: string, leftovers?: 'message' | 'fields') => messageValues(argsOf(call), leftovers).map((v) => v.code);
    expect(codes('f(`a ${b} ${c + d}`, e)')).toEqual(['b', 'c + d', 'e']);
    expect(codes("f(a + b + 'x', 'lit', 3)")).toEqual(['a + b']);
    expect(codes("f('%s', a, b)", 'fields')).toEqual(['a', 'b']);
  });
});

describe('rendering', () => {
  it('breaks a long call into one field per line, in the file\'s indentation and line ending', () => {
    const log = buildStructuredLog({ method: 'log', args: argsOf('console.log(`settled ${receipt.id} after ${receipt.attempts} attempts`)') }, { idField: 'correlationId' });
    const text = renderStructuredLogCall(log, { facade: 'log', quote: '"', indent: '\t', indentUnit: '\t', eol: '\r\n', column: 40, maxLineLength: 100 });
    expect(text).toBe('log.info("settled {receiptId} after {attempts} attempts", {\r\n\t\treceiptId: receipt.id,\r\n\t\tattempts: receipt.attempts,\r\n\t})');
  });

  it('escapes the message for its quote', () => {
    expect(convert(`console.log("it's \\"quoted\\"\\n", a)`)).toBe(`log.info('it\\'s "quoted"\\n {a}', { a })`);
  });
});
