// Harness for the bundled example app (fixtures/example-app): copy it somewhere disposable, build
// it with the repository's TypeScript, run it, send it concurrent requests on loopback and collect
// every line it prints. Used by the end-to-end test, before and after migration.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ConsoleCall } from './log-records.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const EXAMPLE_APP_DIR = join(REPO_ROOT, 'fixtures', 'example-app');
const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const CONSOLE_TAP = pathToFileURL(fileURLToPath(new URL('./console-tap.mjs', import.meta.url))).href;

/** Output the copy must not take from the fixture (a local build or install). */
const NOT_COPIED = new Set(['node_modules', 'dist']);

/** A fresh directory under the OS temp dir; remove it with `removeDir`. */
export function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `trace-migrate-${prefix}-`));
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/**
 * Copies the example app (sources and config, no build output) to `to`, and links
 * `to/node_modules` to the repository's node_modules so the copy finds `@types/node`.
 */
export async function copyApp(to: string): Promise<string> {
  await cp(EXAMPLE_APP_DIR, to, {
    recursive: true,
    filter: (source) => !NOT_COPIED.has(relative(EXAMPLE_APP_DIR, source).split(/[\\/]/)[0]),
  });
  await symlink(join(REPO_ROOT, 'node_modules'), join(to, 'node_modules'), 'dir');
  return to;
}

export interface CommandResult {
  exitCode: number;
  output: string;
}

export function runCommand(file: string, args: readonly string[], cwd: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ exitCode, output: stdout + stderr });
    });
  });
}

/** `tsc --noEmit -p dir` with the repository's TypeScript. */
export function typecheckApp(dir: string): Promise<CommandResult> {
  return runCommand(process.execPath, [TSC, '--noEmit', '-p', dir], dir);
}

/** `tsc -p dir` (emits dir/dist); throws with the compiler output when it fails. */
export async function buildApp(dir: string): Promise<void> {
  const result = await runCommand(process.execPath, [TSC, '-p', dir], dir);
  if (result.exitCode !== 0) throw new Error(`tsc -p ${dir} failed (${result.exitCode}):\n${result.output}`);
}

export interface PlannedRequest {
  id: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

/**
 * One request per id, rotating through the app's behaviours: place an order (Promise.all over
 * priced lines, setTimeout in the pricing client, EventEmitter listener), read a seeded order,
 * invoice a seeded order (small: paid at once; large: one retry; huge: declined after retries),
 * a missing order (404) and an invalid order (400).
 */
export function planRequests(ids: readonly string[]): PlannedRequest[] {
  const seeded = ['o-1001', 'o-1002', 'o-1003'];
  return ids.map((id, i) => {
    const round = Math.floor(i / 5);
    switch (i % 5) {
      case 0:
        return {
          id,
          method: 'POST',
          path: '/orders',
          body: {
            id: `o-${2000 + i}`,
            customerId: `c-${i}`,
            items: [
              { sku: 'mug', quantity: 1 + (round % 3) },
              { sku: 'tea-sampler', quantity: 1 },
              { sku: 'spoon', quantity: 4 },
            ],
          },
        };
      case 1:
        return { id, method: 'GET', path: `/orders/${seeded[round % 3]}` };
      case 2:
        return { id, method: 'POST', path: `/orders/${seeded[round % 3]}/invoice` };
      case 3:
        return { id, method: 'GET', path: `/orders/o-missing-${i}` };
      default:
        return { id, method: 'POST', path: '/orders', body: { id: `o-empty-${i}`, customerId: `c-${i}`, items: [] } };
    }
  });
}

export interface AppResponse {
  id: string;
  status: number;
  body: string;
}

export interface AppRun {
  ids: string[];
  requests: PlannedRequest[];
  responses: AppResponse[];
  /** The stdout line that announced the port. */
  startupLine: string;
  port: number;
  /** Every other stdout line, in order. */
  stdout: string[];
  stderr: string[];
  /** Which console method wrote each line (only with `tapConsole`). */
  consoleCalls: ConsoleCall[];
}

export interface RunOptions {
  /** How many concurrent requests (ignored when `ids` is given). */
  requests?: number;
  /** The x-request-id of each request; fresh UUIDs by default. */
  ids?: readonly string[];
  /** Preload console-tap.mjs to record which console method wrote each line. */
  tapConsole?: boolean;
}

const STARTUP_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

/**
 * Starts `node dist/server.js` in `dir` with PORT=0, sends all requests at once on 127.0.0.1,
 * waits for every response, stops the server (SIGTERM) and returns everything it printed.
 */
export async function runApp(dir: string, options: RunOptions = {}): Promise<AppRun> {
  const ids = [...(options.ids ?? Array.from({ length: options.requests ?? 20 }, () => randomUUID()))];
  const tapDir = options.tapConsole ? await makeTempDir('console-tap') : undefined;
  const tapFile = tapDir ? join(tapDir, 'calls.jsonl') : undefined;
  const child = spawn(process.execPath, [...(tapFile ? ['--import', CONSOLE_TAP] : []), join('dist', 'server.js')], {
    cwd: dir,
    env: { ...process.env, PORT: '0', ...(tapFile ? { CONSOLE_TAP_FILE: tapFile } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collectLines(child);
  try {
    const startup = await waitForStartup(output);
    const requests = planRequests(ids);
    const responses = await Promise.all(requests.map((planned) => send(startup.port, planned)));
    await stop(child, output);
    return {
      ids,
      requests,
      responses,
      startupLine: output.stdout[startup.index],
      port: startup.port,
      stdout: output.stdout.filter((_, index) => index !== startup.index),
      stderr: output.stderr,
      consoleCalls: tapFile ? await readConsoleCalls(tapFile) : [],
    };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (tapDir) await removeDir(tapDir);
  }
}

/** The port announced by a startup line: a JSON record's `port` field, or "port 1234" in text. */
export function parseStartupPort(line: string): number | undefined {
  try {
    const record: unknown = JSON.parse(line);
    if (typeof record === 'object' && record !== null && 'port' in record && typeof record.port === 'number') return record.port;
  } catch {
    // not JSON: try the text form
  }
  const match = /\bport\D{0,3}(\d{1,5})\b/i.exec(line);
  return match ? Number(match[1]) : undefined;
}

interface OutputLines {
  stdout: string[];
  stderr: string[];
  /** Called after each complete stdout line. */
  onStdoutLine?: () => void;
  /** Resolves when the process has exited and both streams are drained. */
  closed: Promise<void>;
  /** Set once closed. */
  exit?: string;
}

function collectLines(child: ChildProcess): OutputLines {
  const output: OutputLines = {
    stdout: [],
    stderr: [],
    closed: new Promise((resolve) => {
      child.once('close', (code, signal) => {
        output.exit = signal ? `signal ${signal}` : `exit code ${code}`;
        resolve();
      });
    }),
  };
  splitLines(child.stdout, (line) => {
    output.stdout.push(line);
    output.onStdoutLine?.();
  });
  splitLines(child.stderr, (line) => output.stderr.push(line));
  return output;
}

function splitLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (pending + chunk).split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) onLine(part);
  });
  stream.on('end', () => {
    if (pending !== '') onLine(pending);
  });
}

function waitForStartup(output: OutputLines): Promise<{ port: number; index: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`no startup line within ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS);
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`example app did not start: ${why}\nstdout:\n${output.stdout.join('\n')}\nstderr:\n${output.stderr.join('\n')}`));
    };
    output.onStdoutLine = () => {
      const index = output.stdout.length - 1;
      const port = parseStartupPort(output.stdout[index]);
      if (port === undefined) return;
      clearTimeout(timer);
      output.onStdoutLine = undefined;
      resolve({ port, index });
    };
    void output.closed.then(() => fail(`it exited (${output.exit})`));
  });
}

function send(port: number, planned: PlannedRequest): Promise<AppResponse> {
  return new Promise((resolve, reject) => {
    const payload = planned.body === undefined ? undefined : JSON.stringify(planned.body);
    const outgoing = request(
      {
        host: '127.0.0.1',
        port,
        method: planned.method,
        path: planned.path,
        agent: false,
        headers: { 'x-request-id': planned.id, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ id: planned.id, status: response.statusCode ?? 0, body }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

async function stop(child: ChildProcess, output: OutputLines): Promise<void> {
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
  });
  const outcome = await Promise.race([output.closed, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    child.kill('SIGKILL');
    throw new Error(`example app did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM`);
  }
}

async function readConsoleCalls(tapFile: string): Promise<ConsoleCall[]> {
  const text = await readFile(tapFile, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ConsoleCall);
}

const NOT_SNAPSHOTTED = new Set(['node_modules', 'dist', '.git']);

/** Every file under `dir` (relative path with forward slashes → bytes), without node_modules, dist and .git. */
export async function snapshotTree(dir: string): Promise<Map<string, Buffer>> {
  const snapshot = new Map<string, Buffer>();
  const walk = async (relativeDir: string): Promise<void> => {
    const entries = await readdir(join(dir, relativeDir), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
      if (relativeDir === '' && NOT_SNAPSHOTTED.has(entry.name)) continue;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) snapshot.set(path, await readFile(join(dir, path)));
    }
  };
  await walk('');
  return snapshot;
}

/** Paths whose bytes differ between two snapshots, or that only one of them has. */
export function diffSnapshots(before: Map<string, Buffer>, after: Map<string, Buffer>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths]
    .filter((path) => {
      const a = before.get(path);
      const b = after.get(path);
      return a === undefined || b === undefined || !a.equals(b);
    })
    .sort();
}
