// Where a V8 code cache lives and how it is read and written. A code cache is executable bytecode
// that V8 checks only for the source's length and its own flags, not for the content, so it is read
// only from a folder that the user running the tool owns and that nobody else may write into: never
// a shared folder such as /tmp. When such a folder cannot be had (a read-only or root-owned install
// run by a normal user), there is no store and the caller runs without a cache.
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';

/** Relocates the cache folder (created 0700 when missing). */
export const CACHE_DIR_ENV = 'TRACE_MIGRATE_CACHE_DIR';
/** Set to 1 to load TypeScript without a code cache. */
export const NO_CACHE_ENV = 'TRACE_MIGRATE_NO_CACHE';

export interface CodeCacheStore {
  /** The cached bytecode for the source, if there is a file for its key that only we could have written. */
  read(): Buffer | undefined;
  /** Replaces the cache for this key (temp file + rename), and drops those of other keys. */
  write(data: Buffer): void;
}

/**
 * The store for one source file: the cache folder is `node_modules/.cache/trace-migrate/` of the
 * node_modules that holds the file (the tool's own install), or $TRACE_MIGRATE_CACHE_DIR; the file
 * name carries the source's path and what makes a cache stale (Node's and V8's versions, the
 * architecture, the source's size and mtime; V8 itself rejects a cache made under other flags).
 * Undefined when caching is off or no safe folder can be had.
 */
export function codeCacheStoreFor(sourceFile: string, env: NodeJS.ProcessEnv = process.env): CodeCacheStore | undefined {
  if (env[NO_CACHE_ENV] === '1') return undefined;
  const dir = env[CACHE_DIR_ENV] ? path.resolve(env[CACHE_DIR_ENV]) : defaultCacheDir(sourceFile);
  if (dir === undefined || !ensurePrivateDir(dir)) return undefined;
  const source = statSync(sourceFile);
  // Caches of other copies of the file (another install sharing a relocated folder) are left alone.
  const prefix = `${path.basename(sourceFile, '.js')}-${createHash('sha256').update(path.resolve(sourceFile)).digest('hex').slice(0, 8)}-`;
  const key = `${prefix}node${process.versions.node}-v8${process.versions.v8}-${process.arch}-${source.size}-${Math.trunc(source.mtimeMs)}.v8cache`;
  const file = path.join(dir, key);
  return {
    read: () => readPrivateFile(file),
    write: (data) => {
      const temp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
      try {
        writeFileSync(temp, data, { mode: 0o600, flag: 'wx' });
        renameSync(temp, file);
      } finally {
        rmSync(temp, { force: true });
      }
      for (const name of readdirSync(dir)) {
        if (name !== key && name.startsWith(prefix) && name.endsWith('.v8cache')) rmSync(path.join(dir, name), { force: true });
      }
    },
  };
}

/** `<dir of node_modules>/node_modules/.cache/trace-migrate` for a file inside a node_modules. */
export function defaultCacheDir(sourceFile: string): string | undefined {
  const parts = path.resolve(sourceFile).split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  return at < 0 ? undefined : path.join(parts.slice(0, at + 1).join(path.sep) || path.sep, '.cache', 'trace-migrate');
}

/** Creates `dir` (0700) if missing; true when it is a real folder of ours that others cannot write. */
function ensurePrivateDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    return stat.isDirectory() && isPrivate(stat);
  } catch {
    return false;
  }
}

function readPrivateFile(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    return stat.isFile() && isPrivate(stat) && lstatSync(file).isFile() ? readFileSync(fd) : undefined;
  } finally {
    closeSync(fd);
  }
}

/** Owned by the user running us, and not writable by group or others. */
function isPrivate(stat: { uid: number; mode: number }): boolean {
  const ownedByUs = process.getuid === undefined || stat.uid === process.getuid();
  return ownedByUs && (process.platform === 'win32' || (stat.mode & 0o022) === 0);
}
