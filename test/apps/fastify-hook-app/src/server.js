// A Fastify service whose async onRequest hook gives each request its id (the incoming
// x-request-id or a fresh one) and stores it on the request; handlers, a later async hook and the
// error handler log with it. Prints the port, then serves until stdin closes.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';

const app = Fastify();

app.addHook('onRequest', async (request, reply) => {
  const incoming = request.headers['x-request-id'];
  const reqId = typeof incoming === 'string' && incoming.length > 0 ? incoming : randomUUID();
  request.reqId = reqId;
  reply.header('x-request-id', reqId);
});

// Runs after the body is parsed, and awaits: it stays an async hook.
app.addHook('preHandler', async (request) => {
  await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 10)));
  console.log(`[${request.reqId}] checked order ${request.params.order}`);
});

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function loadOrder(order, reqId) {
  await delay(Math.floor(Math.random() * 20));
  console.log(`[${reqId}] loading order ${order}`);
  if (order % 3 === 0) throw new Error(`order ${order} is locked`);
  return { order, total: order * 10 };
}

app.post('/orders/:order', async (request) => {
  const order = Number(request.params.order);
  const found = await loadOrder(order, request.reqId);
  console.info(`[${request.reqId}] order ${order} sent (${request.body.note})`);
  return found;
});

app.setErrorHandler(async (err, request, reply) => {
  console.error(`[${request.reqId}] order ${request.params.order} failed: ${err.message}`);
  reply.code(409);
  return { error: err.message };
});

await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${app.server.address().port}\n`);
process.stdin.resume();
process.stdin.on('end', () => app.close());
