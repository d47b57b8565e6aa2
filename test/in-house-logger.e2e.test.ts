// End to end with in-house, console-like loggers: a small HTTP service logs through its own class
// logger (`info(message: string, ...args)`, text lines through console) and its own factory logger
// (`createLogger(module)`, JSON lines on stdout) and a `(message, level)` logger (the level second,
// so the rewrite gives it a fields argument it prints), threading the request id by hand. Migrated, built
// and run under 20 concurrent requests, every record it writes while serving a request must carry
// that request's id — injected once, in each logger's write path.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineConfig, migrate, type Report } from '../src/index.js';
import { REPO_ROOT, buildApp, makeTempDir, parseStartupPort, removeDir } from './support/example-app.js';

const REQUESTS = 20;

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'in-house-logger-app', private: true, type: 'module' }),
  'tsconfig.json': JSON.stringify({
    compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: true, rootDir: 'src', outDir: 'dist', types: ['node'] },
    include: ['src'],
  }),
  'src/logging/app-logger.ts': `type Level = 'info' | 'warn' | 'error';

export class AppLogger {
  constructor(private readonly scope: string) {}

  info(message: string, ...args: unknown[]): void {
    this.write('info', message, args);
  }

  warn(message: string, ...args: unknown[]): void {
    this.write('warn', message, args);
  }

  private write(level: Level, message: string, args: unknown[]): void {
    console[level](\`\${level.toUpperCase()} [\${this.scope}] \${message}\`, ...args);
  }
}
`,
  'src/logging/create-logger.ts': `export function createLogger(module: string) {
  const emit = (level: string, message: string, args: any[]) => {
    process.stdout.write(JSON.stringify({ level, module, message, args }) + '\\n');
  };
  return {
    info: (message: string, ...args: any[]) => emit('info', message, args),
    error: (message: string, ...args: any[]) => emit('error', message, args),
  };
}
`,
  'src/logging/level-logger.ts': `type Level = 'info' | 'warn' | 'error';

export class LevelLogger {
  log(message: string, level?: Level): void {
    const lvl = level ?? 'info';
    console[lvl](\`\${lvl.toUpperCase()} \${message}\`);
  }
}
`,
  'src/audit.ts': `import { LevelLogger } from './logging/level-logger.js';

const logger = new LevelLogger();

export function audit(orderId: string, requestId: string): void {
  logger.log(\`[\${requestId}] audited \${orderId}\`, 'warn');
}
`,
  'src/orders.ts': `import { AppLogger } from './logging/app-logger.js';
import { audit } from './audit.js';
import { createLogger } from './logging/create-logger.js';

const logger = createLogger('orders');
const log = new AppLogger('orders');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function price(orderId: string, requestId: string): Promise<number> {
  await sleep(Math.random() * 20);
  logger.info(\`[\${requestId}] priced order \${orderId}\`);
  return orderId.length * 10;
}

export async function placeOrder(orderId: string, requestId: string): Promise<number> {
  log.info(\`[\${requestId}] placing order \${orderId}\`);
  const total = await price(orderId, requestId);
  setTimeout(() => log.warn(\`[\${requestId}] order \${orderId} settles later\`, { total }), Math.random() * 10);
  logger.info('Order placed', { orderId });
  audit(orderId, requestId);
  return total;
}
`,
  'src/server.ts': `import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { placeOrder } from './orders.js';

const server = createServer((req, res) => {
  const header = req.headers['x-request-id'];
  const requestId = typeof header === 'string' ? header : randomUUID();
  const orderId = (req.url ?? '/').slice(1);
  void placeOrder(orderId, requestId).then((total) => {
    setTimeout(() => res.end(String(total)), 30);
  });
});

server.listen(0, '127.0.0.1', () => {
  console.log(\`listening on port \${(server.address() as AddressInfo).port}\`);
});
process.once('SIGTERM', () => server.close());
`,
};

let appDir: string;
let report: Report;
let lines: string[];
let requests: { id: string; orderId: string }[];

beforeAll(async () => {
  appDir = await makeTempDir('in-house-logger');
  for (const [path, text] of Object.entries(FILES)) {
    await mkdir(join(appDir, path, '..'), { recursive: true });
    await writeFile(join(appDir, path), text);
  }
  await symlink(join(REPO_ROOT, 'node_modules'), join(appDir, 'node_modules'), 'dir');
  report = await migrate(defineConfig({ paths: [join(appDir, 'src')], cwd: appDir, force: true }));
  await buildApp(appDir);
  requests = Array.from({ length: REQUESTS }, (_, i) => ({ id: randomUUID(), orderId: `order-${i}` }));
  lines = await serve(appDir, requests);
}, 180_000);

afterAll(async () => {
  if (appDir) await removeDir(appDir);
});

describe('a service logging through its own console-like loggers, migrated', () => {
  it('converts every interpolated call and injects the id into each logger once', () => {
    const findings = report.findings.map((f) => `${f.file}:${f.line} ${f.kind} ${f.message}`);
    expect(findings.filter((f) => !f.includes(' note ')), findings.join('\n')).toEqual([]);
    expect(report.summary.logsConverted).toBe(5);
  });

  it('writes every record of a request with that request\'s id', () => {
    const orderOf = new Map(requests.map((r) => [r.orderId, r.id]));
    const records = lines.filter((line) => /order-\d+/.test(line));
    // Per request: placing (class), priced (factory), settles later (class), placed (factory), audited (level).
    expect(records).toHaveLength(REQUESTS * 5);
    for (const line of records) {
      const orderId = /order-\d+/.exec(line)![0];
      const carried = line.startsWith('{') ? (JSON.parse(line) as { correlationId?: string }).correlationId : /correlationId: '([^']+)'/.exec(line)?.[1];
      expect(carried, line).toBe(orderOf.get(orderId));
    }
  });
});

/** Runs dist/server.js, sends all requests at once with their x-request-id, returns every line it printed. */
async function serve(dir: string, planned: readonly { id: string; orderId: string }[]): Promise<string[]> {
  const child = spawn(process.execPath, [join('dist', 'server.js')], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: string[] = [];
  let buffered = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no startup line: ${out.join('\n')}`)), 10_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (buffered + chunk).split('\n');
      buffered = parts.pop() ?? '';
      out.push(...parts);
      const started = parts.map(parseStartupPort).find((p) => p !== undefined);
      if (started !== undefined) {
        clearTimeout(timer);
        resolve(started);
      }
    });
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => out.push(...chunk.split('\n').filter(Boolean)));
  await Promise.all(
    planned.map(
      ({ id, orderId }) =>
        new Promise<void>((resolve, reject) => {
          const req = request({ host: '127.0.0.1', port, path: `/${orderId}`, headers: { 'x-request-id': id } }, (res) => {
            res.resume();
            res.on('end', resolve);
          });
          req.on('error', reject);
          req.end();
        }),
    ),
  );
  const closed = new Promise((resolve) => child.once('close', resolve));
  child.kill('SIGTERM');
  await closed;
  if (buffered) out.push(buffered);
  return out.filter(Boolean);
}
