// The compiled transform as people run it: jscodeshift's own CLI loading dist/transforms (built by
// `npm ci` through "prepare", or `npm run build`).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempProject } from '../helpers/temp-project.js';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const TRANSFORM = join(ROOT, 'dist', 'transforms', 'structured-logs.js');
const JSCODESHIFT = join(ROOT, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');

describe('jscodeshift CLI', () => {
  it('runs dist/transforms/structured-logs.js over a directory', async () => {
    expect(existsSync(TRANSFORM), 'dist/transforms/structured-logs.js is missing: run npm run build').toBe(true);
    const root = tempProject({
      'src/orders/place.ts': [
        'export function place(orderId: string, reqId: string): void {',
        '  console.log(`[${reqId}] placing ${orderId}`);',
        '}',
        '',
      ].join('\n'),
      'src/jobs.js': ["const { run } = require('./runner');", '', 'run(() => {', "  console.warn('job', 'done');", '});', ''].join('\n'),
    });
    const { stdout } = await run(process.execPath, [JSCODESHIFT, '--parser=ts', '--run-in-band', '--extensions=ts,js', '-t', TRANSFORM, 'src', '--runtimeImport=./src/trace-context.js'], { cwd: root });
    expect(stdout).toContain('2 ok');
    expect(readFileSync(join(root, 'src/orders/place.ts'), 'utf8')).toBe(
      [
        "import { log } from '../trace-context.js';",
        '',
        'export function place(orderId: string, reqId: string): void {',
        "  log.info('placing {orderId}', { orderId });",
        '}',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(root, 'src/jobs.js'), 'utf8')).toBe(
      ["const { run } = require('./runner');", "const { log } = require('./trace-context.js');", '', 'run(() => {', "  log.warn('job done');", '});', ''].join('\n'),
    );
  });
});
