// Builds the ts-morph Project for the analysed code: the tsconfig's program (for types and
// resolution) plus every discovered file, with the exact text we read (BOM stripped), so AST
// offsets and our TextEdits agree. Without a tsconfig, an inferred config for mixed TS/JS.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Project, ts } from 'ts-morph';
import type { Config } from '../config/config.js';
import type { SourceText } from '../syntax/source-text.js';
import { ReadTextFileSystem } from './read-text-file-system.js';

export interface BuiltProgram {
  project: Project;
  program: ts.Program;
  checker: ts.TypeChecker;
  options: ts.CompilerOptions;
  /** The tsconfig used, or undefined when the options were inferred. */
  tsconfigPath?: string;
}

/** Options for projects without a tsconfig: mixed TS/JS, ESM and CommonJS, nothing emitted. */
export const INFERRED_COMPILER_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  jsx: ts.JsxEmit.Preserve,
  noEmit: true,
  skipLibCheck: true,
  esModuleInterop: true,
  strict: false,
};

export function findTsconfig(config: Config): string | undefined {
  if (config.tsconfigPath) return config.tsconfigPath;
  const first = config.paths[0];
  if (!first) return undefined;
  let dir = existsSync(first) && !first.match(/\.[cm]?[jt]sx?$/) ? first : dirname(first);
  for (;;) {
    // jsconfig.json is a tsconfig for JavaScript projects (paths aliases live there too).
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    if (existsSync(join(dir, '.git')) || existsSync(join(dir, 'package.json'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function buildProgram(config: Config, files: readonly SourceText[]): BuiltProgram {
  const tsconfigPath = findTsconfig(config);
  // Each file is parsed once: discovered files from the text we read, the rest of the tsconfig's
  // program (e.g. global .d.ts files outside the roots) from disk, as read-only context.
  const texts = new Map(files.map((file) => [resolve(file.path), file.text]));
  const fileSystem = new ReadTextFileSystem(texts);
  const project = tsconfigPath
    ? new Project({ tsConfigFilePath: tsconfigPath, skipAddingFilesFromTsConfig: true, compilerOptions: { noEmit: true }, fileSystem })
    : new Project({ compilerOptions: INFERRED_COMPILER_OPTIONS, fileSystem });
  const options = project.getCompilerOptions();
  // Discovered JS files only join the program when the options accept JS.
  if (!options.allowJs && files.some((f) => /\.[cm]?jsx?$/.test(f.path))) {
    project.compilerOptions.set({ allowJs: true, checkJs: false });
  }
  for (const path of texts.keys()) project.addSourceFileAtPath(path);
  if (tsconfigPath) {
    for (const path of tsconfigFileNames(tsconfigPath)) {
      if (!texts.has(resolve(path))) project.addSourceFileAtPathIfExists(path);
    }
  }
  const program = project.getProgram().compilerObject;
  return { project, program, checker: program.getTypeChecker(), options: project.getCompilerOptions(), tsconfigPath };
}

function tsconfigFileNames(tsconfigPath: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfigPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  });
  return parsed?.fileNames ?? [];
}
