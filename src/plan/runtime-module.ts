// Where the runtime trace-context module goes and in which flavour (TS/JS, ESM/CJS), and how
// each migrated file refers to it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ts } from '../syntax/typescript.js';
import type { Config } from '../config/config.js';
import { UsageError } from '../errors.js';
import type { SourceText } from '../syntax/source-text.js';
import { nodeBelowRuntimeMinimum, RUNTIME_MIN_NODE_MAJOR } from '../runtime/declared-node.js';
import { renderRuntimeModule } from '../runtime/render-runtime-module.js';
import { RUNTIME_MODULE_MARKER, type RuntimeModuleOptions } from '../runtime/runtime-options.js';
import { isTypeScriptFile, relativeImportsUseExtensions } from '../syntax/module-style.js';
import { memoized } from '../syntax/memoized.js';
import { dependsOn, nearestPackageJson, packageTypeOf } from '../syntax/package-json.js';

export interface RuntimeModulePlan {
  path: string;
  options: RuntimeModuleOptions;
  /** The module text to write when it does not exist yet. */
  text: string;
  /** An earlier run's module is already there (kept as is: users may have swapped its backend). */
  exists: boolean;
}

export function isRuntimeModuleText(text: string): boolean {
  return text.startsWith(RUNTIME_MODULE_MARKER);
}

/** The runtime module each migrated file imports. */
export interface RuntimeModules {
  modules: RuntimeModulePlan[];
  moduleFor(filePath: string): RuntimeModulePlan;
}

/**
 * One module for the run (`--runtime-path`), else one per package — a package must not import
 * another package's internals — in the first root of that package; a workspace package below a
 * root (a monorepo run from its top) gets its own, in its `src/` when it has one, so its build
 * (`rootDir: src`) and its published files hold it. Copies share their context at run time (the
 * store lives on globalThis).
 */
export function planRuntimeModules(config: Config, roots: readonly string[], files: readonly SourceText[], nodeTypes: boolean): RuntimeModules {
  if (config.runtimeModulePath) {
    const single = planRuntimeModule(config, resolve(config.cwd, config.runtimeModulePath), files, nodeTypes);
    return { modules: [single], moduleFor: () => single };
  }
  const rootDirs = roots.map((root) => (existsSync(root) && !/\.[cm]?[jt]sx?$/.test(root) ? root : dirname(root)));
  // Asked for every file of every plan: remembered per folder (the disk does not change during a run).
  const packageOf = memoized((dir: string) => dirname(nearestPackageJson(dir) ?? join(dir, 'package.json')));
  const rootOfFile = (path: string) => rootDirs.find((dir) => path === dir || path.startsWith(`${dir}/`)) ?? rootDirs[0] ?? config.cwd;
  /** The package of the files in a folder: its root's, unless a package.json between them makes it another one. */
  const packageOfDir = memoized((dir: string) => {
    const root = rootOfFile(dir);
    const rootPackage = packageOf(root);
    const own = packageOf(dir);
    return own !== rootPackage && own.startsWith(`${root}/`) ? own : rootPackage;
  });
  const packageOfFile = (path: string) => packageOfDir(dirname(path));
  const byPackage = new Map<string, { moduleDir: string; files: SourceText[] }>();
  for (const rootDir of rootDirs) {
    const key = packageOf(rootDir);
    if (!byPackage.has(key)) byPackage.set(key, { moduleDir: rootDir, files: [] });
  }
  for (const file of files) {
    const key = packageOfFile(file.path);
    if (!byPackage.has(key)) byPackage.set(key, { moduleDir: sourceDirOf(key), files: [] });
    byPackage.get(key)!.files.push(file);
  }
  const modules = new Map<string, RuntimeModulePlan>();
  for (const [key, { moduleDir, files: own }] of byPackage) {
    const language = own.some((f) => isTypeScriptFile(f.path)) ? 'ts' : 'js';
    modules.set(key, planRuntimeModule(config, join(moduleDir, `trace-context.${language}`), own.length > 0 ? own : files, nodeTypes));
  }
  const fallback = [...modules.values()][0]!;
  return { modules: [...modules.values()], moduleFor: (path) => modules.get(packageOfFile(path)) ?? fallback };
}

/** Where a workspace package's sources live: its `src/` when it has one, else the package itself. */
function sourceDirOf(packageDir: string): string {
  const src = join(packageDir, 'src');
  return existsSync(src) && statSync(src).isDirectory() ? src : packageDir;
}

/**
 * Whether the program knows Node's modules (`node:async_hooks`), as with @types/node: then the emitted
 * TS module needs no `@ts-ignore` on its import (which typescript-eslint's ban-ts-comment reports).
 */
export function programHasNodeTypes(checker: ts.TypeChecker): boolean {
  return checker.getAmbientModules().some((module) => module.getName() === '"node:async_hooks"');
}

function planRuntimeModule(config: Config, path: string, files: readonly SourceText[], nodeTypes: boolean): RuntimeModulePlan {
  const language = /\.[cm]?tsx?$/.test(path) ? 'ts' : 'js';
  const packageType = packageTypeOf(dirname(path));
  const moduleFormat: RuntimeModuleOptions['moduleFormat'] = /\.(mts|mjs)$/.test(path)
    ? 'esm'
    : /\.(cts|cjs)$/.test(path)
      ? 'cjs'
      : language === 'ts'
        ? 'esm' // TypeScript compiles import/export to whatever the project emits; files import it with `import { … }`
        : packageType === 'module' ? 'esm' : 'cjs';
  const eol = files[0]?.eol ?? '\n';
  const openTelemetry = dependsOn(dirname(path), '@opentelemetry/api');
  const options: RuntimeModuleOptions = { language, moduleFormat, backend: config.logger, idField: config.idField, eol, openTelemetry, nodeTypes };
  const pinned = existsSync(path) ? undefined : nodeBelowRuntimeMinimum(dirname(path));
  if (pinned) {
    throw new UsageError(
      `the trace-context module trace-migrate emits needs Node ${RUNTIME_MIN_NODE_MAJOR} or later (AsyncLocalStorage, node: imports, ES2021 syntax), ` +
        `and this project declares Node ${pinned.version} (${pinned.source}): nothing was changed. Update that declaration if the service runs on a newer Node`,
    );
  }
  let exists = false;
  if (existsSync(path)) {
    const current = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    if (!isRuntimeModuleText(current)) {
      throw new UsageError(`${relative(config.cwd, path)} exists and was not written by trace-migrate; choose another place with --runtime-path`);
    }
    exists = true;
  }
  return { path, options, text: renderRuntimeModule(options), exists };
}

function isNodeNext(options: ts.CompilerOptions): boolean {
  const resolution = options.moduleResolution;
  return resolution === ts.ModuleResolutionKind.Node16 || resolution === ts.ModuleResolutionKind.NodeNext || options.module === ts.ModuleKind.Node16 || options.module === ts.ModuleKind.NodeNext;
}

/** The specifier `file` uses to import the runtime module. */
export function runtimeSpecifier(file: ts.SourceFile, runtimePath: string, compilerOptions: ts.CompilerOptions): string {
  let rel = relative(dirname(file.fileName), runtimePath).split('\\').join('/');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  const withoutExt = rel.replace(/\.[cm]?[jt]sx?$/, '');
  const runtimeExt = /\.(mts|mjs)$/.test(runtimePath) ? '.mjs' : /\.(cts|cjs)$/.test(runtimePath) ? '.cjs' : '.js';
  const fileIsEsmJs = /\.mjs$/.test(file.fileName) || (/\.jsx?$/.test(file.fileName) && packageTypeOf(dirname(file.fileName)) === 'module');
  // The file's own relative imports decide first: under an inferred program (plain JS, no tsconfig) the
  // module resolution is the tool's guess, and a babel-compiled `import … from '../config'` file must
  // not get the one `.js` its lint (import/extensions) reports.
  const needsExtension = fileIsEsmJs || runtimeExt !== '.js' || (relativeImportsUseExtensions(file) ?? isNodeNext(compilerOptions));
  return needsExtension ? `${withoutExt}${runtimeExt}` : withoutExt;
}
