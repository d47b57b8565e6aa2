// One rewrite logic, not two copies: the engine and the jscodeshift transform turn the same console
// calls into the same text (both describe calls to src/syntax/log-core/; only the AST adapters differ).
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import jscodeshift from 'jscodeshift';
import { defineConfig, migrate } from '../../src/index.js';
import * as transform from '../../transforms/structured-logs.js';
import { tempProject } from '../helpers/temp-project.js';

const REPO_NODE_MODULES = new URL('../../node_modules', import.meta.url).pathname;
const TSCONFIG = { compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, types: ['node'] } };

/** Console calls of every shape the core handles (no id parameter: the engine leaves signatures alone). */
const CALLS = [
  "import { readFile } from 'node:fs/promises';",
  '',
  'const MAX_RETRIES = 3;',
  '',
  'export async function sample(path: string, row: { id: number; created_at: Date }, items: string[], user: { getName(): string }): Promise<void> {',
  '  console.log(`loading ${path} with ${items.length} items`);',
  "  console.info('row ' + JSON.stringify(row) + ' of ' + items.length);",
  "  console.debug(items.length + 1 + ' in total', MAX_RETRIES);",
  "  console.warn('user %s has %d items (%i%%) %j', user.getName(), items.length, items.length, row);",
  "  console.log('DB result:', row, 'at', Date.now());",
  '  console.log(`ids ${row.id} ${row.id} ${String(row.created_at)} ${row.created_at.toISOString()}`);',
  "  console.trace('trace %s', path);",
  "  console['error'](`quoted method ${path}`);",
  '  console.log();',
  '  console.log(`a long message that does not fit on one line: ${path} ${items.length} ${row.id} ${user.getName()}`);',
  '  try {',
  "    await readFile(path, 'utf8');",
  '  } catch (err) {',
  '    console.error(`failed ${path}: ${err}`, new TypeError(`bad ${path}`));',
  '  }',
  '}',
  '',
].join('\n');

/** A threaded id: the engine drops it because the analysis proves it is one; the transform because of its name. */
const WITH_ID = [
  "import { randomUUID } from 'node:crypto';",
  '',
  'function handle(orderId: string, reqId: string): void {',
  '  console.log(`[${reqId}] handling ${orderId}`);',
  "  console.log('reqId=' + reqId + ' done ' + orderId);",
  '  console.info(`order ${orderId} (req ${reqId})`);',
  '  console.warn(`order ${orderId} seen by ${reqId} twice`);',
  '}',
  '',
  'export function entry(orderId: string): void {',
  '  handle(orderId, randomUUID());',
  '}',
  '',
].join('\n');

async function engineOutput(source: string): Promise<string> {
  const root = tempProject({ 'package.json': { type: 'module' }, 'tsconfig.json': TSCONFIG, 'src/sample.ts': source });
  symlinkSync(REPO_NODE_MODULES, join(root, 'node_modules'));
  mkdirSync(join(root, 'src'), { recursive: true });
  const report = await migrate(defineConfig({ paths: [join(root, 'src')], cwd: root, force: true }));
  expect(report.findings.filter((f) => f.kind === 'error')).toEqual([]);
  return readFileSync(join(root, 'src', 'sample.ts'), 'utf8');
}

function transformOutput(source: string): string {
  const j = jscodeshift.withParser('ts');
  const output = transform.default({ path: 'src/sample.ts', source }, { jscodeshift: j, j, stats: () => {}, report: () => {} }, { runtimeImport: './src/trace-context.js' });
  return output ?? source;
}

/** The log statements of a file: from `log.` to the end of the call, multi-line ones included. */
function logCalls(text: string): string[] {
  return [...text.matchAll(/^[ \t]*log\.\w+\((?:.|\n)*?\);$/gm)].map((m) => m[0]);
}

describe('engine and transform share the rewrite core', () => {
  it('produce the same file for the same console calls', async () => {
    const engine = await engineOutput(CALLS);
    expect(logCalls(engine)).toHaveLength(11);
    expect(transformOutput(CALLS)).toBe(engine);
  });

  it('produce the same calls when the id is threaded (the engine also removes the parameter)', async () => {
    const engine = await engineOutput(WITH_ID);
    expect(engine).not.toContain('reqId');
    const calls = logCalls(engine);
    expect(calls).toEqual([
      "  log.info('handling {orderId}', { orderId });",
      "  log.info('done {orderId}', { orderId });",
      "  log.info('order {orderId}', { orderId });",
      "  log.warn('order {orderId} seen by {correlationId} twice', { orderId });",
    ]);
    expect(logCalls(transformOutput(WITH_ID))).toEqual(calls);
  });
});
