// An Express-style service on node:http: a middleware gives each request its id (the incoming
// x-request-id or a fresh one) and stores it on the request; handlers and the error handler log
// with it. Prints the port, then serves until stdin closes.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';

/** Runs `handlers` in order like Express: `next()` goes on, `next(err)` skips to error handlers (4 parameters). */
function chain(...handlers) {
  return (req, res) => {
    let index = 0;
    const next = (err) => {
      const handler = handlers[index++];
      if (!handler) return;
      const isErrorHandler = handler.length === 4;
      try {
        if (err) {
          if (isErrorHandler) handler(err, req, res, next);
          else next(err);
        } else if (isErrorHandler) {
          next();
        } else {
          handler(req, res, next);
        }
      } catch (error) {
        next(error);
      }
    };
    next();
  };
}

function requestIds(req, res, next) {
  req.reqId = req.headers['x-request-id'] || randomUUID();
  res.setHeader('x-request-id', req.reqId);
  next();
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function loadOrder(order, reqId) {
  await delay(Math.floor(Math.random() * 20));
  console.log(`[${reqId}] loading order ${order}`);
  if (order % 3 === 0) throw new Error(`order ${order} is locked`);
  return { order, total: order * 10 };
}

function orders(req, res, next) {
  const order = Number(req.url.split('/').pop());
  req.order = order;
  console.info(`[${req.reqId}] GET order ${order}`);
  loadOrder(order, req.reqId).then((found) => {
    setTimeout(() => {
      console.log(`[${req.reqId}] order ${order} sent`);
      res.end(JSON.stringify(found));
    }, 1);
  }, next);
}

function errors(err, req, res, _next) {
  const order = req.order;
  console.error(`[${req.reqId}] order ${order} failed: ${err.message}`);
  res.statusCode = 500;
  res.end(JSON.stringify({ error: err.message, requestId: req.reqId }));
}

const server = createServer(chain(requestIds, orders, errors));
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.stdin.on('end', () => server.close());
process.stdin.resume();
