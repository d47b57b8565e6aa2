// `require` of one CommonJS file through a V8 code cache (Node 20 has no module.enableCompileCache).
// The module is what `require` would make: a Module registered in require.cache under its filename
// before it runs, so a later `require` of the same file, by anyone, gets the same exports. Compiling
// a 9 MB bundle costs ~0.3 s; with an accepted cache ~0.1 s. The cache is saved on request
// (saveCodeCache), after the caller's real work: V8 then includes the bytecode of the functions
// compiled lazily while it ran, which a cache made right after compiling does not hold.
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import type { CodeCacheStore } from './code-cache-store.js';

/**
 * How a file was loaded: `off` by plain require (no store, already loaded by someone else, or the
 * cached path failed), else through the store, whose cache was `missing`, `accepted` or `rejected`.
 */
export type CodeCacheStatus = 'off' | 'missing' | 'accepted' | 'rejected';

interface CachedLoad {
  script: vm.Script;
  store: CodeCacheStore;
  status: CodeCacheStatus;
  /** An accepted cache was used, or one was saved since: nothing to write. */
  current: boolean;
}

/** require.cache: the one of every `require` in the process. */
const requireCache = createRequire(import.meta.url).cache;
const loads = new Map<string, CachedLoad>();
/** What require sets as `module.paths` (internal, hence optional: the paths only matter to `module.require`). */
const nodeModulePaths = (Module as unknown as { _nodeModulePaths?: (dir: string) => string[] })._nodeModulePaths;

/**
 * The exports of `filename` (absolute, resolved), as `require(filename)` gives them. Already in
 * require.cache: those. Else compiled with the store's cache, if any; any failure on the way
 * falls back to plain `require` (which shows the module's own error, if it has one).
 */
export function requireWithCodeCache(filename: string, store: CodeCacheStore | undefined): unknown {
  const plainRequire = createRequire(filename);
  if (store === undefined || requireCache[filename] !== undefined) return plainRequire(filename);
  let script: vm.Script;
  let cachedData: Buffer | undefined;
  try {
    cachedData = store.read();
    // Buffer + toString: the same string as readFileSync(…, 'utf8'), measured twice as fast on Node 20.
    const source = readFileSync(filename).toString('utf8');
    script = new vm.Script(Module.wrap(source), { filename, cachedData });
  } catch {
    return plainRequire(filename);
  }
  const module = new Module(filename, undefined);
  module.filename = filename;
  module.paths = nodeModulePaths?.(path.dirname(filename)) ?? [];
  requireCache[filename] = module;
  try {
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(module.exports, module.exports, plainRequire, module, filename, path.dirname(filename));
  } catch {
    // Run again by require: its own error, if it has one, is the one to see, and a cache that
    // somehow compiled to wrong code is out of the way.
    delete requireCache[filename];
    return plainRequire(filename);
  }
  module.loaded = true;
  const status = cachedData === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'accepted';
  loads.set(filename, { script, store, status, current: status === 'accepted' });
  return module.exports;
}

/**
 * Writes the code cache of a file loaded by requireWithCodeCache, unless an accepted one was used
 * or it was saved already. Never throws: a cache that cannot be written is only a slower next start.
 */
export function saveCodeCache(filename: string): void {
  const load = loads.get(filename);
  if (load === undefined || load.current) return;
  load.current = true;
  try {
    load.store.write(load.script.createCachedData());
  } catch {
    // A read-only or full disk: run without a cache.
  }
}

export function codeCacheStatus(filename: string): CodeCacheStatus {
  return loads.get(filename)?.status ?? 'off';
}
