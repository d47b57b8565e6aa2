// A service with a hand-made queue: each request pushes mails carrying its id; whichever request
// finds the queue idle starts the one drain loop, which sends every request's mails. Runs 20
// requests concurrently (half with an incoming x-request-id), then exits.
import { randomUUID } from 'node:crypto';

const pending = [];
let draining = false;

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function sendMail(mail, reqId) {
  await delay(Math.floor(Math.random() * 5));
  console.log(`[${reqId}] sent mail ${mail}`);
}

async function drain() {
  if (draining) return;
  draining = true;
  while (pending.length > 0) {
    const job = pending.shift();
    console.info(`[${job.reqId}] dequeued mail ${job.mail}`);
    await sendMail(job.mail, job.reqId);
  }
  draining = false;
}

function enqueue(mail, reqId) {
  console.log(`[${reqId}] queued mail ${mail}`);
  pending.push({ mail, reqId });
  void drain();
}

async function handleSignup(request, reqId) {
  await delay(Math.floor(Math.random() * 10));
  enqueue(`${request}-welcome`, reqId);
  await delay(Math.floor(Math.random() * 10));
  enqueue(`${request}-verify`, reqId);
}

async function onRequest(request, headers) {
  const reqId = headers['x-request-id'] ?? randomUUID();
  await handleSignup(request, reqId);
  process.stdout.write(`request ${request} ${reqId}\n`);
}

const requests = Array.from({ length: 20 }, (_, i) => onRequest(`r${i}`, i % 2 === 0 ? { 'x-request-id': `incoming-${i}` } : {}));
await Promise.all(requests);
while (draining || pending.length > 0) await delay(5);
