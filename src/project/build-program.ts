// Builds the program for the analysed code: the tsconfig's program (for types and resolution) plus
// every discovered file, with the exact text we read (BOM stripped), so AST offsets and our
// TextEdits agree. Without a tsconfig, an inferred config for mixed TS/JS.
//
// The program is TypeScript's own (`createProgram` with a host of ours), not a ts-morph Project:
// the analysis works on the compiler's nodes, and the Project's wrappers and caches cost time and
// memory for nothing. ts-morph stays the source of the compiler and of the standard lib, which it
// serves from memory (the `typescript` package need not be installed).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config/config.js';
import type { SourceText } from '../syntax/source-text.js';
import { requireFromTsMorph, ts } from '../syntax/typescript.js';
import { DeclarationFileCache, isDeclarationFileName, type ProgramDeclarationFiles } from './declaration-files.js';
import { DiskProbes } from './disk-probes.js';

export interface BuiltProgram {
  program: ts.Program;
  checker: ts.TypeChecker;
  options: ts.CompilerOptions;
  /** The tsconfig used, or undefined when the options were inferred. */
  tsconfigPath?: string;
  /** The disk as the program's module resolution found it, for later programs of this run. */
  diskProbes: DiskProbes;
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

/** Shared by every program this process builds (see declaration-files.ts). */
const declarationFiles = new DeclarationFileCache();

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
  const tsconfig = tsconfigPath ? readTsconfig(tsconfigPath) : undefined;
  let options: ts.CompilerOptions = tsconfig ? { ...tsconfig.options, noEmit: true } : INFERRED_COMPILER_OPTIONS;
  // Discovered JS files only join the program when the options accept JS.
  if (!options.allowJs && files.some((f) => /\.[cm]?jsx?$/.test(f.path))) options = { ...options, allowJs: true, checkJs: false };
  // Each file is parsed once: discovered files from the text we read, the rest of the tsconfig's
  // program (e.g. global .d.ts files outside the roots) from disk, as read-only context.
  const texts = new Map(files.map((file) => [resolve(file.path), file.text]));
  const rootNames = [...texts.keys(), ...(tsconfig?.fileNames ?? []).map((path) => resolve(path)).filter((path) => !texts.has(path))];
  const declarations = declarationFiles.forProgram(options);
  const diskProbes = new DiskProbes();
  const program = ts.createProgram({ rootNames, options, host: programHost(options, texts, declarations, diskProbes) });
  declarations.done();
  // Creating the checker binds every file, which gives every node its parent (see programHost).
  return { program, checker: program.getTypeChecker(), options, tsconfigPath, diskProbes };
}

/** The tsconfig's options and files, as `tsc -p` reads them (`extends` included). A tsconfig that cannot be read or parsed is an error. */
function readTsconfig(tsconfigPath: string): { options: ts.CompilerOptions; fileNames: string[] } {
  const read = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(tsconfigPath), undefined, tsconfigPath);
  return { options: parsed.options, fileNames: parsed.fileNames };
}

/** The disk, except: discovered files have the text discovery read, and the standard lib is ts-morph's in-memory copy. */
function programHost(options: ts.CompilerOptions, texts: ReadonlyMap<string, string>, declarations: ProgramDeclarationFiles, disk: DiskProbes): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const lib = standardLib();
  const readDisk = host.readFile.bind(host);
  host.getDefaultLibLocation = () => lib.dir;
  host.getDefaultLibFileName = (o) => `${lib.dir}/${ts.getDefaultLibFileName(o)}`;
  host.readFile = (fileName) => texts.get(fileName) ?? lib.files.get(fileName) ?? readDisk(fileName);
  host.fileExists = (fileName) => texts.has(fileName) || lib.files.has(fileName) || disk.fileExists(fileName);
  host.directoryExists = (directoryName) => disk.directoryExists(directoryName);
  host.writeFile = () => {
    throw new Error('the analysed project is read-only');
  };
  host.getSourceFile = (fileName, languageVersionOrOptions, onError) => {
    const createOptions: ts.CreateSourceFileOptions = typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions };
    // No parent pointers from the parser: the binder sets them all, and buildProgram binds every
    // file (getTypeChecker) before anything reads them. Setting them twice cost a walk per file.
    const given = texts.get(fileName);
    if (given !== undefined) return ts.createSourceFile(fileName, given, createOptions, false);
    let text: string | undefined;
    try {
      text = lib.files.get(fileName) ?? readDisk(fileName);
    } catch (error) {
      onError?.(error instanceof Error ? error.message : String(error));
    }
    if (text === undefined) return undefined;
    return isDeclarationFileName(fileName) ? declarations.get(fileName, text, createOptions) : ts.createSourceFile(fileName, text, createOptions, false);
  };
  return host;
}

interface StandardLib {
  dir: string;
  files: ReadonlyMap<string, string>;
}

let standardLibFiles: StandardLib | undefined;

/** ts-morph's bundled lib .d.ts files (the ones its compiler matches), under the in-memory folder it uses. */
function standardLib(): StandardLib {
  if (standardLibFiles) return standardLibFiles;
  // @ts-morph/common is ts-morph's own dependency: resolved from ts-morph, as ts-morph does.
  const common = requireFromTsMorph('@ts-morph/common') as {
    getLibFiles(): { fileName: string; text: string }[];
    libFolderInMemoryPath: string;
  };
  const dir = common.libFolderInMemoryPath;
  standardLibFiles = { dir, files: new Map(common.getLibFiles().map((f) => [`${dir}/${f.fileName}`, f.text])) };
  return standardLibFiles;
}
