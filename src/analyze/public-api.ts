// A package's public API: what its package.json entry points (`main`, `module`, `types`,
// `exports`) export. Callers outside the analysed code may call those functions with the id, so
// their trace parameters stay unless --include-public-api says otherwise.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ts } from '../syntax/typescript.js';
import { isFunctionLike, type FunctionLike } from '../syntax/function-likes.js';
import { functionLikesOfSymbol } from './groups.js';
import { nearestPackageJson } from '../syntax/package-json.js';

export interface PublicApi {
  /** package.json that declares the entry points. */
  packageJson?: string;
  /** Function-likes reachable from the entry points, with the entry they are exported from. */
  members: Map<FunctionLike, string>;
  /** Entry points that could not be mapped to a source file of the program. */
  unmapped: string[];
}

/** The public API of each package that governs one of `startDirs` (each package once). */
export function findPublicApis(program: ts.Program, checker: ts.TypeChecker, startDirs: readonly string[]): PublicApi[] {
  const seen = new Set<string | undefined>();
  const apis: PublicApi[] = [];
  for (const dir of startDirs) {
    const packageJson = nearestPackageJson(dir);
    if (seen.has(packageJson)) continue;
    seen.add(packageJson);
    apis.push(findPublicApi(program, checker, dir));
  }
  return apis;
}

export function findPublicApi(program: ts.Program, checker: ts.TypeChecker, startDir: string): PublicApi {
  const api: PublicApi = { members: new Map(), unmapped: [] };
  const packageJson = nearestPackageJson(startDir);
  if (!packageJson) return api;
  api.packageJson = packageJson;
  const root = dirname(packageJson);
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(readFileSync(packageJson, 'utf8')) as Record<string, unknown>;
  } catch {
    return api;
  }
  const entries = entryPaths(manifest);
  if (entries.length === 0 && !('main' in manifest)) entries.push('./index.js');
  const options = program.getCompilerOptions();
  for (const entry of entries) {
    const source = entry.includes('*') ? undefined : sourceFileFor(program, resolve(root, entry), options) ?? sourceFileThroughBuildConfigs(program, root, resolve(root, entry));
    if (!source) {
      if (!entry.includes('*') && existsSync(resolve(root, entry))) api.unmapped.push(entry);
      else if (entry.includes('*')) api.unmapped.push(entry);
      continue;
    }
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (!moduleSymbol) continue;
    const label = relative(root, source.fileName) || source.fileName;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) collectMembers(checker, exported, label, api.members);
  }
  return api;
}

function collectMembers(checker: ts.TypeChecker, symbol: ts.Symbol, entry: string, out: Map<FunctionLike, string>): void {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  for (const fn of functionLikesOfSymbol(checker, target)) out.set(fn, entry);
  for (const declaration of target.declarations ?? []) {
    // Classes and interfaces: outside code calls their methods and implements them.
    if (ts.isClassLike(declaration) || ts.isInterfaceDeclaration(declaration)) {
      for (const member of declaration.members) {
        if (isFunctionLike(member)) out.set(member, entry);
        if (ts.isPropertyDeclaration(member) && member.initializer && isFunctionLike(member.initializer)) out.set(member.initializer, entry);
      }
    }
    // Exported objects of functions (`export const api = { get() {} }`).
    if (ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isObjectLiteralExpression(declaration.initializer)) {
      for (const property of declaration.initializer.properties) {
        if (ts.isMethodDeclaration(property)) out.set(property, entry);
        if (ts.isPropertyAssignment(property) && isFunctionLike(property.initializer)) out.set(property.initializer, entry);
      }
    }
  }
}

function entryPaths(manifest: Record<string, unknown>): string[] {
  const out = new Set<string>();
  for (const key of ['main', 'module', 'types', 'typings']) {
    const value = manifest[key];
    if (typeof value === 'string') out.add(value);
  }
  const visit = (value: unknown): void => {
    if (typeof value === 'string') out.add(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(manifest.exports);
  return [...out].filter((p) => !p.endsWith('.json') && !p.endsWith('.css'));
}

/** The program's source file behind an entry path: itself, or the source it is built from. */
function sourceFileFor(program: ts.Program, path: string, options: ts.CompilerOptions): ts.SourceFile | undefined {
  const candidates = new Set<string>([path]);
  const stripped = path.replace(/\.d\.[cm]?ts$/, '').replace(/\.[cm]?[jt]sx?$/, '');
  const addSources = (base: string) => {
    for (const ext of ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']) candidates.add(base + ext);
    for (const ext of ['.ts', '.tsx', '.js']) candidates.add(join(base, `index${ext}`));
  };
  addSources(stripped);
  if (options.outDir) {
    const rel = relative(options.outDir, stripped);
    if (!rel.startsWith('..')) {
      const rootDir = options.rootDir ?? commonSourceRoot(program);
      if (rootDir) addSources(join(rootDir, rel));
    }
  }
  for (const candidate of candidates) {
    const file = program.getSourceFile(candidate);
    if (file && !file.isDeclarationFile) return file;
  }
  return undefined;
}

/**
 * The source behind an entry built by another tsconfig of the package than the one analysed (a
 * `tsconfig.build.json` with `outDir: dist`, `rootDir: src` next to a `noEmit` one, or a workspace
 * package analysed from the repository's top): each tsconfig*.json of the package maps it.
 */
function sourceFileThroughBuildConfigs(program: ts.Program, packageDir: string, path: string): ts.SourceFile | undefined {
  let names: string[];
  try {
    names = readdirSync(packageDir).filter((name) => /^tsconfig.*\.json$/.test(name));
  } catch {
    return undefined;
  }
  for (const name of names.sort()) {
    const configPath = join(packageDir, name);
    const read = ts.readConfigFile(configPath, ts.sys.readFile);
    if (read.error) continue;
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, packageDir, undefined, configPath);
    const { outDir } = parsed.options;
    // Without rootDir, tsc writes below outDir the files' common folder.
    const rootDir = parsed.options.rootDir ?? commonDir(parsed.fileNames.filter((f) => !/\.d\.[cm]?ts$/.test(f)));
    if (!outDir || !rootDir) continue;
    const source = sourceFileFor(program, path, { outDir, rootDir });
    if (source) return source;
  }
  return undefined;
}

function commonSourceRoot(program: ts.Program): string | undefined {
  return commonDir(program.getRootFileNames().filter((f) => !f.includes('/node_modules/') && !/\.d\.[cm]?ts$/.test(f)));
}

function commonDir(files: readonly string[]): string | undefined {
  if (files.length === 0) return undefined;
  let common = dirname(files[0]!);
  for (const file of files) while (!file.startsWith(`${common}/`) && common !== dirname(common)) common = dirname(common);
  return common;
}

