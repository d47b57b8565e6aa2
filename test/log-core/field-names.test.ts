// Field names a person would choose: each value is named after what it holds, the way its author
// would name a local. The expressions are the shapes real services interpolate into their logs.
import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { valueShapeOf } from '../../src/syntax/log-shapes.js';
import { buildStructuredMessage } from '../../src/syntax/log-core/structured-log.js';
import { fieldNameOf } from '../../src/syntax/log-core/value-shape.js';

function shapesOf(call: string) {
  const file = ts.createSourceFile('snippet.ts', call, ts.ScriptTarget.ES2022, true);
  const expr = (file.statements[0] as ts.ExpressionStatement).expression as ts.CallExpression;
  return expr.arguments.map((a) => valueShapeOf(a, { code: (e) => e.getText(file), isTraceId: () => false, isError: () => false }));
}

const nameOf = (expr: string) => fieldNameOf(shapesOf(`f(${expr})`)[0]!);

describe('field names', () => {
  it.each([
    // Where a value was found says nothing: the last telling word names it.
    ['req.body.userId', 'userId'],
    ['req.params.orderId', 'orderId'],
    ['req.query.page', 'page'],
    ['request.headers.host', 'host'],
    ['ctx.request.body.email', 'email'],
    ['this.config.timeout', 'timeout'],
    ['process.env.NODE_ENV', 'nodeEnv'],
    ['event.detail.sku', 'sku'],
    ['session.user.email', 'email'],
    // A guard, then the value.
    ['req.body && req.body.userId', 'userId'],
    ['user && user.email', 'email'],
    // A generic last word keeps its owner.
    ['receipt.id', 'receiptId'],
    ['req.body.user.id', 'userId'],
    ['order.status', 'orderStatus'],
    ['payment.amount', 'paymentAmount'],
    ['job.name', 'jobName'],
    ['file.path', 'filePath'],
    // The owner already in the name is not said twice.
    ['req.reqId', 'reqId'],
    ['user.userId', 'userId'],
    ['this.order.orderNumber', 'orderNumber'],
    // Counts.
    ['items.length', 'itemCount'],
    ['rows.length', 'rowCount'],
    ['this.entries.length', 'entryCount'],
    ['req.body.lineItems.length', 'lineItemCount'],
    ['Object.keys(cache).length', 'keyCount'],
    ['name.length', 'nameLength'],
    ['items.length > 0', 'hasItems'],
    // Presence and comparisons read as flags.
    ['row !== undefined', 'found'],
    ['result != null', 'found'],
    ['row === undefined', 'notFound'],
    ['user !== undefined', 'hasUser'],
    ['result.hasPricing === true', 'hasPricing'],
    ['config.enabled === false', 'notEnabled'],
    ["user.role === 'admin'", 'isAdmin'],
    ['!isValid', 'notValid'],
    ['!ready', 'notReady'],
    // `!!x` is a cast to boolean: whether there is one.
    ['!!timestamp', 'hasTimestamp'],
    ['!!req.headers.signature', 'hasSignature'],
    ['!!isRetry', 'isRetry'],
    // A keyed getter's value is named by its key.
    ["config.get('port')", 'port'],
    ["config.get('server.port')", 'serverPort'],
    ["req.headers.get('x-request-id')", 'xRequestId'],
    // Errors.
    ['err.message', 'errorMessage'],
    ['error.message', 'errorMessage'],
    ['e.code', 'errorCode'],
    ['err.stack', 'errorStack'],
    // Calls and values.
    ['user.getName()', 'userName'],
    ['await fetchProfile(userId)', 'profile'],
    ['Date.now() - startedAt', 'durationMs'],
    ['performance.now() - start', 'durationMs'],
    ['total.toFixed(2)', 'total'],
    ['items.map((i) => i.sku).join(", ")', 'items'],
    ['rows[0]', 'firstRow'],
    ['rows[i]', 'row'],
    ['JSON.stringify(payload)', 'payload'],
    ['new Date().toISOString()', 'date'],
    ['MAX_RETRIES', 'maxRetries'],
    ['invoice.total ?? 0', 'invoiceTotal'],
  ])('%s → %s', (expr, expected) => {
    expect(nameOf(expr)).toBe(expected);
  });

  it('never reads like a sentence of its operators', () => {
    for (const expr of ['req.body && req.body.userId', 'row !== undefined', 'result.hasPricing === true', 'req.reqId']) {
      expect(nameOf(expr)).not.toMatch(/And|IsNot|IsValue|reqReq/);
    }
  });

  it('says whose value it is when two values would share a name', () => {
    const { fields } = buildStructuredMessage(shapesOf('f(`${order.email} ${customer.email}`)'), { idField: 'correlationId' });
    expect(fields.map((f) => f.name)).toEqual(['email', 'customerEmail']);
  });

  it("renames a value that would take a key the target logger writes itself", () => {
    const shapes = shapesOf('f(`job ${name} by ${pid}: ${message}`)');
    const bunyanLike = buildStructuredMessage(shapes, { idField: 'correlationId', recordKeys: ['name', 'pid'] });
    expect(bunyanLike.fields.map((f) => f.name)).toEqual(['nameValue', 'pidValue', 'message']);
    expect(bunyanLike.message).toBe('job {nameValue} by {pidValue}: {message}');
    const facade = buildStructuredMessage(shapes, { idField: 'correlationId' });
    expect(facade.fields.map((f) => f.name)).toEqual(['name', 'pid', 'message']);
  });
});
