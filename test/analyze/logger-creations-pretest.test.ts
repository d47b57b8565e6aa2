// ProjectLoggers.creationsIn asks the checker about a call only in files where a logger factory can
// be: a module that names no logger library is passed over by a text test; a script's globals, and
// the library named in the module itself, still count (fixture logger-context/global-script-logger-factory
// covers the script's global end to end).
import path from 'node:path';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { ProjectLoggers } from '../../src/analyze/project-loggers.js';
import { defineConfig } from '../../src/config/config.js';
import { buildProgram } from '../../src/project/build-program.js';
import { readSourceFile } from '../../src/project/read-source-file.js';
import { makeTempDir, writeTree } from '../helpers/temp-dir.js';

/** The program of the files, and a checker that counts its symbol lookups. */
async function programOf(files: Record<string, string>) {
  const dir = await makeTempDir();
  await writeTree(dir, {
    'tsconfig.json': JSON.stringify({ compilerOptions: { noEmit: true, moduleDetection: 'auto', module: 'commonjs', types: [] } }),
    ...files,
  });
  const sources = Object.keys(files).map((name) => {
    const read = readSourceFile(path.join(dir, name), 1_000_000);
    if (read.status !== 'read') throw new Error(name);
    return read.source;
  });
  const { program, checker } = buildProgram(defineConfig({ paths: [dir], cwd: dir }), sources);
  let lookups = 0;
  const counting = new Proxy(checker, {
    get: (target, key) => (key === 'getSymbolAtLocation' ? (node: ts.Node) => (lookups++, target.getSymbolAtLocation(node)) : Reflect.get(target, key)),
  });
  const ownFiles = program.getSourceFiles().filter((f) => f.fileName.startsWith(dir));
  const loggers = new ProjectLoggers(counting, undefined, ownFiles);
  const file = (name: string) => program.getSourceFile(path.join(dir, name))!;
  return { loggers, file, lookups: () => lookups };
}

const declareRequire = 'declare function require(name: string): any;\n';

describe('logger creations: the syntax test before the checker', () => {
  it('passes over a module that names no logger library, without a symbol lookup', async () => {
    const { loggers, file, lookups } = await programOf({
      'src/app.ts': 'import { make } from "./make";\nexport const a = make(1);\nexport const b = make(2).then(String);\n',
      'src/make.ts': 'export async function make(n: number) { return n; }\n',
      'src/types.d.ts': declareRequire,
    });
    expect(loggers.creationsIn(file('src/app.ts'))).toEqual([]);
    expect(lookups()).toBe(0);
  });

  it('still finds a factory called in a module that imports the library', async () => {
    const { loggers, file, lookups } = await programOf({
      'src/app.ts': 'import { createLogger } from "winston";\nexport const log = createLogger({});\n',
      'src/types.d.ts': 'declare module "winston" { export function createLogger(options: object): unknown; }\n',
    });
    expect(loggers.creationsIn(file('src/app.ts')).map((c) => c.library)).toEqual(['winston']);
    expect(lookups()).toBeGreaterThan(0);
  });

  it("still finds a factory reached through a script's global, though the module never names the library", async () => {
    const { loggers, file } = await programOf({
      'src/logging.ts': 'const logs = require("winston");\n',
      'src/app.ts': 'export const log = logs.createLogger({});\n',
      'src/types.d.ts': declareRequire,
    });
    expect(loggers.creationsIn(file('src/app.ts')).map((c) => c.library)).toEqual(['winston']);
  });
});
