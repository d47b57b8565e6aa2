// Project loggers end to end: migrate a small service that logs through pino and winston with the
// request id threaded by hand, compile it, run it, and read what pino and winston really write —
// the id arrives through the injected mixin/format, the values as fields, the message constant.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { defineConfig, migrate, type Report } from '../../src/index.js';
import { tempProject } from '../helpers/temp-project.js';

const run = promisify(execFile);
const REPO_NODE_MODULES = new URL('../../node_modules', import.meta.url).pathname;

const SOURCES = {
  'package.json': { type: 'module' },
  'tsconfig.json': { compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, types: ['node'] } },
  'src/loggers.ts': [
    "import pino from 'pino';",
    "import winston from 'winston';",
    '',
    'export const logger = pino({ base: null, timestamp: false }, pino.destination({ dest: 1, sync: true }));',
    'export const audit = winston.createLogger({',
    '  transports: [new winston.transports.Console()],',
    '});',
    '',
  ].join('\n'),
  'src/orders.ts': [
    "import { audit, logger } from './loggers.js';",
    '',
    'async function settle(orderId: string, total: number, reqId: string): Promise<void> {',
    '  logger.info(`[${reqId}] settling ${orderId} for ${total}`);',
    '  await Promise.resolve();',
    '  audit.info(`[${reqId}] charged ${orderId}`);',
    '}',
    '',
    'export async function onRequest(headers: Record<string, string>): Promise<void> {',
    "  await settle('o-1', 42, headers['x-request-id']!);",
    '}',
    '',
  ].join('\n'),
};

describe('pino and winston loggers after migration', () => {
  let root: string;
  let report: Report;
  let records: Record<string, unknown>[];

  beforeAll(async () => {
    root = tempProject(SOURCES);
    symlinkSync(REPO_NODE_MODULES, join(root, 'node_modules'));
    report = await migrate(defineConfig({ paths: [join(root, 'src')], cwd: root, force: true }));
    // Compile what the migration wrote (the type check already passed in the engine) and run it.
    mkdirSync(join(root, 'out'));
    for (const name of readdirSync(join(root, 'src'))) {
      const js = ts.transpileModule(readFileSync(join(root, 'src', name), 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
      writeFileSync(join(root, 'out', name.replace(/\.ts$/, '.js')), js.outputText);
    }
    writeFileSync(join(root, 'out', 'main.js'), "import { onRequest } from './orders.js';\nawait onRequest({ 'x-request-id': 'req-A' });\nawait onRequest({ 'x-request-id': 'req-B' });\n");
    const { stdout } = await run(process.execPath, [join(root, 'out', 'main.js')], { cwd: root });
    records = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  });

  it('migrates without refusing anything', () => {
    expect(report.findings.filter((f) => f.kind !== 'note')).toEqual([]);
    expect(report.summary).toMatchObject({ paramsRemoved: 1, logsConverted: 2 });
    expect(readFileSync(join(root, 'src', 'orders.ts'), 'utf8')).toContain("logger.info({ orderId, total }, 'settling {orderId} for {total}');");
  });

  it('gives every pino record the request id through the mixin, and the values as fields', () => {
    const pinoRecords = records.filter((r) => 'msg' in r);
    expect(pinoRecords).toEqual([
      { level: 30, correlationId: 'req-A', orderId: 'o-1', total: 42, msg: 'settling {orderId} for {total}' },
      { level: 30, correlationId: 'req-B', orderId: 'o-1', total: 42, msg: 'settling {orderId} for {total}' },
    ]);
  });

  it('gives every winston record the request id through the format', () => {
    const winstonRecords = records.filter((r) => 'message' in r);
    expect(winstonRecords).toEqual([
      { correlationId: 'req-A', level: 'info', message: 'charged {orderId}', orderId: 'o-1' },
      { correlationId: 'req-B', level: 'info', message: 'charged {orderId}', orderId: 'o-1' },
    ]);
  });
});
