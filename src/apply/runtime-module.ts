// Where the runtime trace-context module goes and in which flavour (TS/JS, ESM/CJS), and how
// each migrated file refers to it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ts } from 'ts-morph';
import type { Config } from '../config/config.js';
import { UsageError } from '../errors.js';
import type { SourceText } from '../project/source-text.js';
import { renderRuntimeModule } from '../runtime/render-runtime-module.js';
import { RUNTIME_MODULE_MARKER, type RuntimeModuleOptions } from '../runtime/runtime-options.js';
import { isTypeScriptFile, packageTypeOf, relativeImportsUseExtensions } from './module-style.js';

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

export function planRuntimeModule(config: Config, roots: readonly string[], files: readonly SourceText[], compilerOptions: ts.CompilerOptions): RuntimeModulePlan {
  const language = files.some((f) => isTypeScriptFile(f.path)) ? 'ts' : 'js';
  const firstRoot = roots[0] ?? config.cwd;
  const rootDir = existsSync(firstRoot) && !/\.[cm]?[jt]sx?$/.test(firstRoot) ? firstRoot : dirname(firstRoot);
  const path = config.runtimeModulePath ? resolve(config.cwd, config.runtimeModulePath) : join(rootDir, `trace-context.${language}`);
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
  const options: RuntimeModuleOptions = { language, moduleFormat, backend: config.logger, idField: config.idField, eol, openTelemetry };
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

/** Whether the nearest package.json lists `name` among its dependencies of any kind. */
function dependsOn(dir: string, name: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    const candidate = join(current, 'package.json');
    if (existsSync(candidate)) {
      try {
        const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as Record<string, Record<string, string> | undefined>;
        return ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].some((key) => !!pkg[key]?.[name]);
      } catch {
        return false;
      }
    }
    if (dirname(current) === current) return false;
  }
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
  const needsExtension = isNodeNext(compilerOptions) || fileIsEsmJs || relativeImportsUseExtensions(file) === true || runtimeExt !== '.js';
  return needsExtension ? `${withoutExt}${runtimeExt}` : withoutExt;
}
