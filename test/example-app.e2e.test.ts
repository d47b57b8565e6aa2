// End to end on the bundled example app: build and run the original, migrate a copy, then prove the
// migrated app type-checks, threads no id by hand any more, and logs exactly what the original
// logged for each of 20 concurrent requests, as JSON records carrying that request's id.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TRACE_PARAM_NAMES, defineConfig, migrate, type Report } from '../src/index.js';
import {
  type AppRun,
  buildApp,
  copyApp,
  diffSnapshots,
  makeTempDir,
  removeDir,
  runApp,
  runCommand,
  snapshotTree,
  typecheckApp,
} from './support/example-app.js';
import {
  diffEntriesById,
  entriesFromJsonLogs,
  entriesFromTextLogs,
  type LogEntry,
  parseJsonLogs,
  parseTextLogs,
  renderStructured,
} from './support/log-records.js';
import { traceParametersInDir } from './support/trace-params.js';

const REQUESTS = 20;

function findingsText(report: Report): string {
  return report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.kind} ${f.ruleId}: ${f.message}`).join('\n');
}

let workDir: string;
let original: AppRun;
let originalEntries: LogEntry[];
/** Original lines without an `[id] ` prefix or without the console call that wrote them. */
let originalProblems: string[];
/** The copy migrated in place, and its tree right after that migration. */
let migratedDir: string;
let migratedTree: Map<string, Buffer> | undefined;

beforeAll(async () => {
  workDir = await makeTempDir('e2e');
  const originalDir = await copyApp(join(workDir, 'original'));
  migratedDir = await copyApp(join(workDir, 'migrated'));
  await buildApp(originalDir);
  original = await runApp(originalDir, { requests: REQUESTS, tapConsole: true });
  const records = [...parseTextLogs(original.stdout, 'stdout'), ...parseTextLogs(original.stderr, 'stderr')];
  ({ entries: originalEntries, problems: originalProblems } = entriesFromTextLogs(records, original.consoleCalls));
});

afterAll(async () => {
  if (workDir) await removeDir(workDir);
});

describe('the original example app', () => {
  it('answers every request and prints only request lines after the startup line', () => {
    expect(original.startupLine).toBe(`order service listening on port ${original.port}`);
    // 4 placed orders and 3 paid invoices (201), 4 reads (200), 4 invalid orders (400),
    // 4 missing orders (404), 1 declined payment (502)
    const statuses = original.responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 201, 201, 201, 201, 201, 201, 201, 400, 400, 400, 400, 404, 404, 404, 404, 502]);
  });

  it('prefixes every line a request caused with that request id', () => {
    expect(originalProblems).toEqual([]);
    const ids = new Set(original.ids);
    const strangers = originalEntries.filter((entry) => !ids.has(entry.id));
    expect(strangers).toEqual([]);
    for (const id of original.ids) {
      expect(originalEntries.filter((entry) => entry.id === id).length, `lines for ${id}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('logs after awaits, inside Promise.all callbacks, a setTimeout callback and an EventEmitter listener', () => {
    const placed = original.requests.filter((request) => request.method === 'POST' && request.path === '/orders' && isNonEmptyOrder(request.body));
    expect(placed).toHaveLength(REQUESTS / 5);
    for (const request of placed) {
      const texts = originalEntries.filter((entry) => entry.id === request.id).map((entry) => entry.text);
      // setTimeout callback in the pricing client, once per line item (3 items)
      expect(texts.filter((text) => text.startsWith('pricing service answered '))).toHaveLength(3);
      // the async Promise.all(items.map(...)) callback in placeOrder, after its await
      expect(texts.filter((text) => text.startsWith('priced line '))).toHaveLength(3);
      // after `await orderRepository.save(...)` in placeOrder
      expect(texts.some((text) => /^order o-\d+ placed, total \d+$/.test(text))).toBe(true);
      // the order.placed listener registered with events.on(...)
      expect(texts.some((text) => /^notifying c-\d+ that order o-\d+ was placed$/.test(text))).toBe(true);
    }
    // the retry helper after a failed await (stderr, warn) and the declined payment (stderr, error)
    expect(originalEntries.some((entry) => entry.level === 'warn' && entry.text.includes(' failed (gateway answered 503), retrying'))).toBe(true);
    expect(originalEntries.some((entry) => entry.level === 'error' && entry.text === 'payment failed with gateway status 402')).toBe(true);
  });
});

function isNonEmptyOrder(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'items' in body && Array.isArray(body.items) && body.items.length > 0;
}

describe('the migrated example app', () => {
  it('type-checks, threads no id by hand, and logs the same per request as JSON with its correlationId', async () => {
    const report = await migrate(defineConfig({ paths: [join(migratedDir, 'src')], cwd: migratedDir, force: true }));
    migratedTree = await snapshotTree(migratedDir);
    expect(report.summary.filesChanged, findingsText(report)).toBeGreaterThan(0);

    const typecheck = await typecheckApp(migratedDir);
    expect(typecheck.output).toBe('');
    expect(typecheck.exitCode).toBe(0);

    const remaining = await traceParametersInDir(join(migratedDir, 'src'), DEFAULT_TRACE_PARAM_NAMES);
    expect(remaining, `manual findings:\n${findingsText(report)}`).toEqual([]);

    await buildApp(migratedDir);
    const migrated = await runApp(migratedDir, { ids: original.ids });
    // The startup line says the same, as a record (no correlationId: no request caused it) or as text.
    const startupRecord = parseJsonLogs([migrated.startupLine], 'stdout')[0].record;
    const startupText = startupRecord ? renderStructured(startupRecord) : migrated.startupLine;
    expect(startupText).toBe(`order service listening on port ${migrated.port}`);
    expect(migrated.responses).toEqual(original.responses);

    const { entries, problems } = entriesFromJsonLogs([
      ...parseJsonLogs(migrated.stdout, 'stdout'),
      ...parseJsonLogs(migrated.stderr, 'stderr'),
    ]);
    expect(problems).toEqual([]);
    const ids = new Set(original.ids);
    expect(entries.filter((entry) => !ids.has(entry.id))).toEqual([]);
    expect(diffEntriesById(originalEntries, entries)).toEqual([]);
  });

  it('is left unchanged by a second run', async () => {
    const report = await migrate(defineConfig({ paths: [join(migratedDir, 'src')], cwd: migratedDir, force: true }));
    expect(migratedTree, 'needs the in-place migration above').toBeDefined();
    expect(report.summary.filesChanged, findingsText(report)).toBe(0);
    expect(diffSnapshots(migratedTree!, await snapshotTree(migratedDir))).toEqual([]);
  });

  it('dry run writes nothing, and its diff applied with git apply gives the in-place result', async () => {
    const dryDir = await copyApp(join(workDir, 'dry-run'));
    const git = async (...args: string[]) => {
      const result = await runCommand('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid', ...args], dryDir);
      expect(result.exitCode, `git ${args.join(' ')}:\n${result.output}`).toBe(0);
      return result.output;
    };
    await git('init', '--quiet');
    await git('add', '--all');
    await git('commit', '--quiet', '--no-gpg-sign', '--message', 'example app');
    const before = await snapshotTree(dryDir);

    const report = await migrate(defineConfig({ paths: [join(dryDir, 'src')], cwd: dryDir, force: true, dryRun: true }));
    expect(diffSnapshots(before, await snapshotTree(dryDir))).toEqual([]);
    expect(await git('status', '--porcelain')).toBe('');
    expect(typeof report.diff).toBe('string');
    expect(migratedTree, 'needs the in-place migration above').toBeDefined();

    const patchFile = join(workDir, 'dry-run.patch');
    await writeFile(patchFile, report.diff ?? '');
    await git('apply', patchFile);
    expect(diffSnapshots(migratedTree!, await snapshotTree(dryDir))).toEqual([]);
  });
});
