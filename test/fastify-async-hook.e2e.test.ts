// End to end with real Fastify: an async onRequest hook that stores the request's id cannot run
// the rest of the request in a callback, so the migration turns it into a `done` hook that hands
// on inside `withTrace`. Under 20 concurrent POSTs (half with an incoming id) every record — from
// a later async hook after the body is parsed, a handler, the error handler — carries the id of
// the request that caused it, and no other.
import { spawn } from 'node:child_process';
import { cp, readFile, symlink } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineConfig, migrate } from '../src/index.js';
import { makeTempDir, removeDir } from './support/example-app.js';

const APP = fileURLToPath(new URL('./apps/fastify-hook-app/', import.meta.url));
const NODE_MODULES = fileURLToPath(new URL('../node_modules/', import.meta.url));
const REQUESTS = 20;

type LogRecord = Record<string, unknown> & { level: string; msg: string; correlationId?: string };

/** Starts the server, POSTs one order per request concurrently (even orders with an incoming id), stops it. */
async function serve(dir: string): Promise<{ lines: string[]; idOf: Map<number, string> }> {
  const child = spawn(process.execPath, ['src/server.js'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
    const poll = setInterval(() => {
      const match = /^listening (\d+)$/m.exec(out);
      if (match) {
        clearInterval(poll);
        resolve(Number(match[1]));
      }
    }, 10);
  });
  const idOf = new Map<number, string>();
  await Promise.all(
    Array.from({ length: REQUESTS }, (_, i) => i + 1).map(
      (order) =>
        new Promise<void>((resolve, reject) => {
          const body = JSON.stringify({ note: `note ${order}` });
          const headers = { 'content-type': 'application/json', ...(order % 2 === 0 ? { 'x-request-id': `incoming-${order}` } : {}) };
          const req = request({ host: '127.0.0.1', port, method: 'POST', path: `/orders/${order}`, headers }, (res) => {
            idOf.set(order, String(res.headers['x-request-id']));
            res.resume().on('end', resolve);
          });
          req.on('error', reject).end(body);
        }),
    ),
  );
  const exited = new Promise((resolve) => child.on('close', resolve));
  child.stdin.end();
  await exited;
  return { lines: out.split('\n').filter((line) => line.length > 0 && !line.startsWith('listening ')), idOf };
}

let workDir: string;
let migratedDir: string;
let original: Awaited<ReturnType<typeof serve>>;
let migrated: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  workDir = await makeTempDir('fastify-hook');
  migratedDir = join(workDir, 'app');
  await cp(APP, migratedDir, { recursive: true });
  await symlink(NODE_MODULES, join(migratedDir, 'node_modules'), 'dir');
  const report = await migrate(defineConfig({ paths: [join(migratedDir, 'src')], cwd: migratedDir, force: true }));
  expect(report.outcome, report.findings.map((f) => `${f.file}:${f.line} ${f.message}`).join('\n')).toBe('ok');
  await symlink(NODE_MODULES, join(workDir, 'node_modules'), 'dir').catch(() => undefined);
  original = await serve(APP);
  migrated = await serve(migratedDir);
}, 120_000);

afterAll(async () => {
  if (workDir) await removeDir(workDir);
});

describe('a Fastify async onRequest hook that stores the request id', () => {
  it('becomes a done hook that hands on inside the context', async () => {
    const server = await readFile(join(migratedDir, 'src/server.js'), 'utf8');
    expect(server).toContain("app.addHook('onRequest', (request, reply, done) => {");
    expect(server).toContain('withTrace({ correlationId: reqId }, done);');
    // The hook that awaits stays async.
    expect(server).toContain("app.addHook('preHandler', async (request) => {");
  });

  it('keeps an incoming id and makes one for requests without', () => {
    for (let order = 1; order <= REQUESTS; order++) {
      if (order % 2 === 0) expect(migrated.idOf.get(order)).toBe(`incoming-${order}`);
      else expect(migrated.idOf.get(order)).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(new Set(migrated.idOf.values()).size).toBe(REQUESTS);
  });

  it('gives every record, the error handler\u2019s included, the id of the request that caused it', () => {
    expect(original.lines.length).toBe(REQUESTS * 3);
    const records = migrated.lines.map((line) => JSON.parse(line) as LogRecord);
    expect(records.length).toBe(original.lines.length);
    for (let order = 1; order <= REQUESTS; order++) {
      const own = records.filter((record) => record.correlationId === migrated.idOf.get(order));
      expect(own.map((record) => record.level).sort(), `records of order ${order}`).toEqual(order % 3 === 0 ? ['error', 'info', 'info'] : ['info', 'info', 'info']);
      expect(own.every((record) => !/\[/.test(record.msg))).toBe(true);
    }
  });
});
