// End to end on two small apps written for these tests (test/apps/): migrate a copy, run the
// original and the migrated app under 20 concurrent requests, and prove every migrated record
// carries the id of the request that caused it — the middleware that stores the id runs the rest
// of the chain (error handler included) in its context, and a queue's drain loop runs each item
// in the context of the request that pushed it, never of the request that started the loop.
import { spawn } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineConfig, migrate, type Report } from '../src/index.js';
import { makeTempDir, removeDir } from './support/example-app.js';
import { runProcess } from './support/run-process.js';

const APPS = fileURLToPath(new URL('./apps/', import.meta.url));
const REQUESTS = 20;

interface Output {
  stdout: string[];
  stderr: string[];
}

type LogRecord = Record<string, unknown> & { level: string; msg: string };

function records(output: Output): LogRecord[] {
  return [...output.stdout, ...output.stderr].filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as LogRecord);
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 0);
}

async function migrateCopy(app: string, to: string): Promise<Report> {
  await cp(join(APPS, app), to, { recursive: true });
  const report = await migrate(defineConfig({ paths: [join(to, 'src')], cwd: to, force: true }));
  expect(report.outcome, report.findings.map((f) => `${f.file}:${f.line} ${f.message}`).join('\n')).toBe('ok');
  return report;
}

/** Starts the server, sends one GET per order concurrently (even orders with an incoming id), stops it. */
async function serve(dir: string): Promise<Output & { idOf: Map<number, string> }> {
  const child = spawn(process.execPath, ['src/server.js'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
    const poll = setInterval(() => {
      const match = /^listening (\d+)$/m.exec(stdout);
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
          const headers = order % 2 === 0 ? { 'x-request-id': `incoming-${order}` } : {};
          const req = request({ host: '127.0.0.1', port, path: `/orders/${order}`, headers }, (res) => {
            idOf.set(order, String(res.headers['x-request-id']));
            res.resume().on('end', resolve);
          });
          req.on('error', reject).end();
        }),
    ),
  );
  const exited = new Promise((resolve) => child.on('close', resolve));
  child.stdin.end();
  await exited;
  return { stdout: lines(stdout).slice(1), stderr: lines(stderr), idOf };
}

let workDir: string;
beforeAll(async () => {
  workDir = await makeTempDir('stored-id-queue');
});
afterAll(async () => {
  if (workDir) await removeDir(workDir);
});

describe('a middleware that stores the request id (node:http with an Express-style chain)', () => {
  let original: Awaited<ReturnType<typeof serve>>;
  let migrated: Awaited<ReturnType<typeof serve>>;
  let migratedDir: string;

  beforeAll(async () => {
    migratedDir = join(workDir, 'middleware-migrated');
    await migrateCopy('middleware-app', migratedDir);
    original = await serve(join(APPS, 'middleware-app'));
    migrated = await serve(migratedDir);
  });

  it('keeps an incoming id and makes one for requests without', () => {
    for (let order = 1; order <= REQUESTS; order++) {
      if (order % 2 === 0) expect(migrated.idOf.get(order)).toBe(`incoming-${order}`);
      else expect(migrated.idOf.get(order)).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(new Set(migrated.idOf.values()).size).toBe(REQUESTS);
  });

  it('logs only JSON records, as many per request as the original logged lines', () => {
    const all = [...migrated.stdout, ...migrated.stderr];
    expect(records(migrated).length).toBe(all.length);
    const originalCount = [...original.stdout, ...original.stderr].length;
    expect(all.length).toBe(originalCount);
  });

  it('gives every record, the error handler\u2019s included, the id of the request that caused it', () => {
    const logged = records(migrated);
    for (const record of logged) {
      expect(record.order, JSON.stringify(record)).toBeTypeOf('number');
      expect(record.correlationId, JSON.stringify(record)).toBe(migrated.idOf.get(record.order as number));
      // The id is the context's, not a message prefix or a field of its own.
      expect(record.msg).not.toMatch(/\[|reqId/);
    }
    const failed = logged.filter((record) => record.level === 'error');
    expect(failed.map((record) => record.order).sort((a, b) => Number(a) - Number(b))).toEqual([3, 6, 9, 12, 15, 18]);
    for (let order = 1; order <= REQUESTS; order++) {
      expect(logged.filter((record) => record.order === order).length, `records of order ${order}`).toBe(3);
    }
  });
});

describe('a hand-made queue drained by one loop', () => {
  let migratedOutput: Output;
  let originalOutput: Output;

  beforeAll(async () => {
    const dir = join(workDir, 'queue-migrated');
    await migrateCopy('queue-app', dir);
    const run = async (cwd: string): Promise<Output> => {
      const result = await runProcess(process.execPath, ['src/worker.js'], { cwd });
      expect(result.exitCode, result.stderr).toBe(0);
      return { stdout: lines(result.stdout), stderr: lines(result.stderr) };
    };
    originalOutput = await run(join(APPS, 'queue-app'));
    migratedOutput = await run(dir);
  });

  it('gives each mail\u2019s records the id of the request that queued it and no other', () => {
    const idOf = new Map(migratedOutput.stdout.filter((line) => line.startsWith('request ')).map((line) => line.split(' ').slice(1) as [string, string]));
    expect(idOf.size).toBe(REQUESTS);
    const logged = records(migratedOutput);
    // queued, dequeued, sent: three records per mail, two mails per request.
    expect(logged.length).toBe(REQUESTS * 2 * 3);
    expect(logged.length).toBe(originalOutput.stdout.filter((line) => line.startsWith('[')).length);
    // The consumer logs `job.mail` (field `jobMail`), the others a `mail` parameter.
    const mailOf = (record: LogRecord) => String(record.mail ?? record.jobMail);
    for (const record of logged) {
      expect(record.mail ?? record.jobMail, JSON.stringify(record)).toBeTypeOf('string');
      const request = mailOf(record).split('-')[0]!;
      expect(record.correlationId, JSON.stringify(record)).toBe(idOf.get(request));
    }
    for (const [request, id] of idOf) {
      expect(logged.filter((record) => record.correlationId === id).every((record) => mailOf(record).startsWith(`${request}-`))).toBe(true);
    }
  });
});
