// Type-checks the edited program in memory before anything is written. Only errors the edits
// introduce count: a file's diagnostics after the edits, minus the same file's diagnostics
// before (by code and message, not position). The original program is reused for every file
// the edits did not touch.
import { dirname } from 'node:path';
import { ts } from '../syntax/typescript.js';
import type { DiskProbes } from '../project/disk-probes.js';
import { regionStatements, type TextRange } from './check-regions.js';
import { diagnosticKey } from './diagnostic-key.js';
import type { ImportGraph } from './import-graph.js';

export interface NewTypeError {
  file: string;
  /** Offset in the EDITED text. */
  start: number;
  code: number;
  message: string;
}

export interface TypeCheck {
  errors: NewTypeError[];
  /** The edited program (its checker follows an error to the declarations it is about). */
  edited: ts.Program;
}

export function findNewTypeErrors(
  original: ts.Program,
  options: ts.CompilerOptions,
  editedTexts: ReadonlyMap<string, string>,
  newFiles: ReadonlyMap<string, string>,
  imports: ImportGraph,
  /** Edited files whose edits can change what their importers see (all but log rewrites). */
  apiChanged: ReadonlySet<string>,
  /** Edited files that need checking only around these ranges of their edited text (see check-regions.ts). */
  regions: ReadonlyMap<string, readonly TextRange[]>,
  /** The original program's answers about the disk (module resolution asks the same again). */
  disk: Pick<DiskProbes, 'fileExists' | 'directoryExists'> = ts.sys,
): TypeCheck {
  const replaced = new Map<string, string>([...editedTexts, ...newFiles]);
  const host = editedProgramHost(original, options, replaced, new Set(newFiles.keys()), disk);
  const rootNames = [...new Set([...original.getRootFileNames(), ...newFiles.keys()])];
  const edited = ts.createProgram({ rootNames, options, host, oldProgram: original });
  // Binds every file now: regionStatements walks the edited trees up through their parents.
  edited.getTypeChecker();

  // The files whose types an edit can change: the edited ones, and the importers of those whose
  // declarations may change; all of them when a global script (no import/export) is edited.
  const affected = [...replaced.keys()].some((f) => imports.scripts.has(f)) ? 'all' : new Set([...replaced.keys(), ...imports.importersClosure(apiChanged)]);
  // An edited global script can change any file's types: then every file is checked whole.
  const partial = affected === 'all' ? new Map<string, readonly TextRange[]>() : regions;
  const errors: NewTypeError[] = [];
  for (const file of edited.getSourceFiles()) {
    if (file.isDeclarationFile && !newFiles.has(file.fileName)) continue;
    if (file.fileName.includes('/node_modules/')) continue;
    if (affected !== 'all' && !affected.has(file.fileName)) continue;
    const after = [...edited.getSyntacticDiagnostics(file), ...semanticDiagnostics(edited, original, file, partial.get(file.fileName))].filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (after.length === 0) continue;
    errors.push(...errorsNotBefore(original, file.fileName, after));
  }
  return { errors, edited };
}

/**
 * A compiler host that serves the edited texts and the new files, and the original program's
 * source files for everything else (so the edited program reuses their parse and binding).
 */
function editedProgramHost(
  original: ts.Program,
  options: ts.CompilerOptions,
  replaced: ReadonlyMap<string, string>,
  newFiles: ReadonlySet<string>,
  disk: Pick<DiskProbes, 'fileExists' | 'directoryExists'>,
): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const languageVersion = options.target ?? ts.ScriptTarget.ES2022;
  const baseGetSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
    const text = replaced.get(fileName);
    if (text !== undefined) {
      // Keep the module format the original program gave the file (ts-morph may leave it unset):
      // the same importer must see the same kind of module before and after the edits.
      const before = original.getSourceFile(fileName);
      const base = typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions ?? languageVersion };
      const createOptions = before ? { ...base, impliedNodeFormat: before.impliedNodeFormat } : base;
      // No parent pointers from the parser: the binder sets them (findNewTypeErrors creates the checker before it reads any tree).
      return ts.createSourceFile(fileName, text, createOptions, false);
    }
    return unredirected(original.getSourceFile(fileName)) ?? baseGetSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate);
  };
  // ts-morph serves the standard lib from memory: point the host at the same (virtual) folder.
  const libFile = original.getSourceFiles().find((f) => /\/lib\.[\w.]+\.d\.ts$/.test(f.fileName) && original.isSourceFileDefaultLibrary(f));
  if (libFile) {
    const libDir = dirname(libFile.fileName);
    host.getDefaultLibLocation = () => libDir;
    host.getDefaultLibFileName = (o) => `${libDir}/${ts.getDefaultLibFileName(o)}`;
  }
  host.fileExists = (fileName) => replaced.has(fileName) || original.getSourceFile(fileName) !== undefined || disk.fileExists(fileName);
  const baseReadFile = host.readFile.bind(host);
  host.readFile = (fileName) => replaced.get(fileName) ?? baseReadFile(fileName);
  const newFileDirs = new Set([...newFiles].map((f) => dirname(f)));
  host.directoryExists = (dir) => newFileDirs.has(dir) || disk.directoryExists(dir);
  return host;
}

/** The errors of `after` (one file's, in the edited program) that the same file did not have before: by code and message, counted. */
function errorsNotBefore(original: ts.Program, fileName: string, after: readonly ts.Diagnostic[]): NewTypeError[] {
  const before = new Map<string, number>();
  const originalFile = original.getSourceFile(fileName);
  if (originalFile) {
    for (const d of [...original.getSyntacticDiagnostics(originalFile), ...original.getSemanticDiagnostics(originalFile)]) {
      if (d.category !== ts.DiagnosticCategory.Error) continue;
      const key = diagnosticKey(d);
      before.set(key, (before.get(key) ?? 0) + 1);
    }
  }
  const errors: NewTypeError[] = [];
  for (const d of after) {
    const key = diagnosticKey(d);
    const count = before.get(key) ?? 0;
    if (count > 0) {
      before.set(key, count - 1);
      continue;
    }
    errors.push({ file: fileName, start: d.start ?? 0, code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') });
  }
  return errors;
}

/**
 * The file as read from disk. A second copy of one package version (`a/node_modules/x` and
 * `b/node_modules/x`) is a redirect to the first in the original program; a host must hand
 * TypeScript the file it read, which TypeScript then redirects again (it asserts otherwise).
 */
function unredirected(file: ts.SourceFile | undefined): ts.SourceFile | undefined {
  const redirect = (file as { redirectInfo?: { unredirected: ts.SourceFile } } | undefined)?.redirectInfo;
  return redirect ? redirect.unredirected : file;
}

/** The file's semantic diagnostics: of the statements around its edits when `ranges` are given and enough, else of the whole file. */
function semanticDiagnostics(edited: ts.Program, original: ts.Program, file: ts.SourceFile, ranges: readonly TextRange[] | undefined): readonly ts.Diagnostic[] {
  const before = ranges && original.getSourceFile(file.fileName);
  const nodes = before && regionStatements(before, file, ranges);
  if (!nodes) return edited.getSemanticDiagnostics(file);
  // The nodes to check are a third parameter the public typings leave out (TypeScript 5.6+, what
  // tsserver's region diagnostics use). A TypeScript without it checks the whole file: slower, as safe.
  const check = edited.getSemanticDiagnostics as unknown as PartialCheck;
  return check.call(edited, file, undefined, nodes);
}

type PartialCheck = (file: ts.SourceFile, cancellationToken: ts.CancellationToken | undefined, nodesToCheck: readonly ts.Node[]) => readonly ts.Diagnostic[];
