// Runs a batch of generated programs of one flavour before and after one migrate() call. Each
// program is its own root (`p<k>/src`) and declares names no other program in the batch declares,
// so no call of one program can be linked to another; one migration for many programs keeps the
// test fast (its fixed cost, loading the type checker and the libraries, is paid once).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { defineConfig, migrate, type Report } from '../../../src/index.js';
import type { ProgramRun } from './compare-runs.js';
import type { Flavour, Program } from './program-model.js';
import { ENTRY_BASENAME, renderProgram } from './render-program.js';

const HARNESS = fileURLToPath(new URL('./run-programs.mjs', import.meta.url));

export interface ProgramOutcome {
  program: Program;
  source: Map<string, string>;
  migrated: Map<string, string>;
  before: ProgramRun;
  after: ProgramRun;
}

export interface BatchOutcome {
  programs: ProgramOutcome[];
  report: Report;
}

/** Writes the programs under `dir` (whose parent holds a node_modules link), runs, migrates, runs again. */
export async function runBatch(dir: string, programs: readonly Program[]): Promise<BatchOutcome> {
  const flavour = programs[0].flavour;
  if (programs.some((program) => program.flavour !== flavour)) throw new Error('a batch holds programs of one flavour');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeProjectFiles(dir, flavour);
  const sources = programs.map((program, k) => {
    const files = renderProgram(program);
    for (const [path, text] of files) writeFile(join(dir, `p${k}`, path), text);
    return files;
  });
  const before = runPrograms(dir, programs.length, flavour, 'before');
  const report = await migrate(
    defineConfig({ paths: programs.map((_, k) => join(dir, `p${k}`, 'src')), cwd: dir, force: true }),
  );
  const after = runPrograms(dir, programs.length, flavour, 'after');
  return {
    report,
    programs: programs.map((program, k) => ({
      program,
      source: sources[k],
      migrated: readTree(join(dir, `p${k}`)),
      before: before[k],
      after: after[k],
    })),
  };
}

function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function writeProjectFiles(dir: string, flavour: Flavour): void {
  writeFile(join(dir, 'package.json'), JSON.stringify({ private: true, type: flavour === 'js-cjs' ? 'commonjs' : 'module' }, null, 2) + '\n');
  if (flavour !== 'ts-esm') return;
  writeFile(join(dir, 'globals.d.ts'), 'declare function __rec(unit: string, args: Record<string, unknown>): void;\n');
  const compilerOptions = { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, types: ['node'], skipLibCheck: true, noEmit: true };
  writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['p*/src/**/*', 'globals.d.ts'] }, null, 2) + '\n');
}

/** Relative path → text of every file under `root`. */
export function readTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.set(relative(root, path), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return out;
}

/** Runs every program's entry in one harness process; TS programs are first transpiled to `build-<phase>/`. */
function runPrograms(dir: string, count: number, flavour: Flavour, phase: string): ProgramRun[] {
  const ext = flavour === 'ts-esm' ? 'ts' : 'js';
  let runRoot = dir;
  if (flavour === 'ts-esm') {
    runRoot = join(dir, `build-${phase}`);
    writeFile(join(runRoot, 'package.json'), '{ "type": "module" }\n');
    for (let k = 0; k < count; k++) {
      for (const [path, text] of readTree(join(dir, `p${k}`))) {
        if (!path.endsWith('.ts') || path.endsWith('.d.ts')) continue;
        const output = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
        writeFile(join(runRoot, `p${k}`, path.replace(/\.ts$/, '.js')), output.outputText);
      }
    }
  }
  const mains = Array.from({ length: count }, (_, k) => join(runRoot, `p${k}`, 'src', `${ENTRY_BASENAME}.${ext === 'ts' ? 'js' : ext}`));
  const resultFile = join(dir, `runs-${phase}.json`);
  const child = spawnSync(process.execPath, [HARNESS, resultFile, ...mains], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, PROPERTY_MODULE_SYSTEM: flavour === 'js-cjs' ? 'commonjs' : 'module', LOG_LEVEL: '' },
  });
  if (child.status !== 0) throw new Error(`the program harness failed (${child.status ?? child.signal}):\n${child.stderr}`);
  const runs = JSON.parse(readFileSync(resultFile, 'utf8')) as ProgramRun[];
  rmSync(resultFile);
  return runs;
}
