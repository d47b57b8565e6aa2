// Finds and reads the source files under the configured roots. Every file that is not read says
// why (a FileResult and a Finding): a codemod that silently skips files is worse than one that fails.
//
// Symbolic links are never followed, not even when they stay inside the root: their targets are
// scanned at their real path (if selected), and writing through a link would replace the link with
// a regular file. Each link that would have been a candidate is reported as skipped with its target.
import fs from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { globbySync, type GlobEntry, type Options } from 'globby';
import { DEFAULT_EXTENSIONS, type Config } from '../config/config.js';
import { UsageError } from '../errors.js';
import type { FileResult, Finding } from '../report/report.js';
import { displayPath } from './display-path.js';
import { isIgnoredByGit } from './git-ignored.js';
import { errorCode, osReason, readSourceFile } from './read-source-file.js';
import type { SourceText } from '../syntax/source-text.js';

export interface Discovery {
  /** Absolute roots, in config order. */
  roots: string[];
  /** The files read, sorted by path. */
  files: SourceText[];
  /** Only the files (or directories) that were skipped or failed, each with a reason. */
  fileResults: FileResult[];
  /** One per skipped (`note`) or failed (`error`) entry, ruleId `project`, plus notes about roots. */
  findings: Finding[];
}

export interface DiscoverOptions {
  /** More directory names to skip at any depth, next to node_modules and the build output names. */
  ignoreDirs?: string[];
}

/** Directory names skipped at any depth below a root (a root itself may have such a name). */
export const SKIPPED_DIR_NAMES: readonly string[] = ['node_modules', 'dist', 'build', 'out', 'coverage', '.next'];

const DECLARATION_FILE = /\.d\.[cm]?ts$/i;

interface Candidate {
  abs: string;
  /** Real location, to drop duplicates when roots overlap. */
  key: string;
}

interface Skip {
  abs: string;
  status: 'skipped' | 'failed';
  reason: string;
}

export async function discoverFiles(config: Config, options: DiscoverOptions = {}): Promise<Discovery> {
  if (config.paths.length === 0) throw new UsageError('no path given: name at least one file or directory');
  const roots = config.paths.map((p) => path.resolve(config.cwd, p));
  const candidates: Candidate[] = [];
  const skips: Skip[] = [];
  const findings: Finding[] = [];
  const ignoreDirNames = [...SKIPPED_DIR_NAMES, ...(options.ignoreDirs ?? [])];

  for (const root of roots) {
    const rootStats = await statRoot(root, config.cwd);
    if (rootStats.isDirectory()) {
      const listing = await listDirectory(root, config, ignoreDirNames);
      candidates.push(...listing.candidates);
      skips.push(...listing.skips);
      if (listing.hiddenByOuterGitignore) {
        findings.push({
          ruleId: 'project',
          kind: 'note',
          file: displayPath(config.cwd, root),
          line: 1,
          column: 1,
          message:
            'Git ignores this root (by a rule outside it); it was scanned because it was named explicitly, with only the .gitignore files inside it.',
        });
      }
    } else {
      const explicit = await explicitFile(root);
      if ('reason' in explicit) skips.push(explicit);
      else candidates.push(explicit);
    }
  }

  const unique = dedupe(candidates);
  const files: SourceText[] = [];
  for (const candidate of unique) {
    const outcome = readSourceFile(candidate.abs, config.maxFileBytes);
    if (outcome.status === 'read') files.push(outcome.source);
    else skips.push({ abs: candidate.abs, status: outcome.status, reason: outcome.reason });
  }

  files.sort((a, b) => compareStrings(a.path, b.path));
  const fileResults = skips
    .map((s): FileResult => ({ path: displayPath(config.cwd, s.abs), status: s.status, reason: s.reason }))
    .sort((a, b) => compareStrings(a.path, b.path));
  for (const result of fileResults) findings.push(findingFor(result));
  findings.sort((a, b) => compareStrings(a.file, b.file));
  return { roots, files, fileResults, findings };
}

export function hasSourceExtension(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return DEFAULT_EXTENSIONS.some((ext) => lower.endsWith(ext)) && !DECLARATION_FILE.test(lower);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function statRoot(root: string, cwd: string): Promise<fs.Stats> {
  try {
    return await stat(root);
  } catch (error) {
    const shown = displayPath(cwd, root);
    if (errorCode(error) === 'ENOENT') throw new UsageError(`path does not exist: ${shown}`);
    throw new UsageError(`cannot access path ${shown}: ${osReason(error)}`);
  }
}

/** A file named as a root: taken as given (no ignore rules), but only if it is source code. */
async function explicitFile(abs: string): Promise<Candidate | Skip> {
  // The user named this path, so a link here is followed on purpose; the file is then read and
  // written at its real path, never through the link.
  const real = (await lstat(abs)).isSymbolicLink() ? await realpath(abs) : abs;
  if (DECLARATION_FILE.test(real)) return { abs, status: 'skipped', reason: 'declaration file (.d.ts): nothing to migrate' };
  if (!hasSourceExtension(real)) {
    return {
      abs,
      status: 'skipped',
      reason: `not a source file: the extension is not one of ${DEFAULT_EXTENSIONS.join(' ')}`,
    };
  }
  return { abs: real, key: real };
}

interface Listing {
  candidates: Candidate[];
  skips: Skip[];
  hiddenByOuterGitignore: boolean;
}

async function listDirectory(root: string, config: Config, ignoreDirNames: string[]): Promise<Listing> {
  const realRoot = await realpath(root);
  const unreadableDirs = new Map<string, string>();
  const globOptions = {
    cwd: root,
    ignore: [...ignoreDirNames.map((name) => `**/${name}/**`), ...config.exclude],
    onlyFiles: false,
    objectMode: true as const,
    followSymbolicLinks: false,
    dot: false,
    // Unreadable directories are recorded by the fs adapter below and reported, not thrown.
    suppressErrors: true,
    fs: fsRecordingReaddirErrors(unreadableDirs),
  } satisfies Options;
  const patterns = config.include.length > 0 ? config.include : ['**/*'];
  // A root inside a directory git ignores (a cache, generated code) was named explicitly, so it is
  // scanned with only the .gitignore files inside it; otherwise git's rules apply as in git,
  // including the .gitignore files above the root up to the repository's top.
  const hiddenByOuterGitignore = await isIgnoredByGit(root);
  // Sync on purpose: the async variant stats every result through the promise API to apply
  // .gitignore rules to directories, which costs ~10x more on large trees.
  const entries: GlobEntry[] = globbySync(
    patterns,
    hiddenByOuterGitignore ? { ...globOptions, ignoreFiles: '**/.gitignore' } : { ...globOptions, gitignore: true },
  );

  const candidates: Candidate[] = [];
  const skips: Skip[] = [];
  for (const entry of entries) {
    const abs = path.join(root, entry.path);
    const { dirent } = entry;
    if (dirent.isDirectory()) continue;
    if (dirent.isSymbolicLink()) {
      const skip = await describeSymlink(abs, realRoot, config.cwd);
      if (skip) skips.push(skip);
      continue;
    }
    if (!hasSourceExtension(dirent.name)) continue;
    if (!dirent.isFile()) {
      skips.push({ abs, status: 'skipped', reason: 'not a regular file' });
      continue;
    }
    candidates.push({ abs, key: path.join(realRoot, entry.path) });
  }
  for (const [dir, reason] of unreadableDirs) {
    if (isInside(root, dir)) skips.push({ abs: dir, status: 'failed', reason: `cannot list directory: ${reason}` });
  }
  return { candidates, skips, hiddenByOuterGitignore };
}

/** Why a link is not followed, or null when the link would not have been a candidate anyway. */
async function describeSymlink(abs: string, realRoot: string, cwd: string): Promise<Skip | null> {
  let target: string;
  let targetStats: fs.Stats;
  try {
    target = await realpath(abs);
    targetStats = await stat(target);
  } catch (error) {
    if (!hasSourceExtension(abs)) return null;
    return { abs, status: 'skipped', reason: `dangling symbolic link (${osReason(error)})` };
  }
  const isDirectory = targetStats.isDirectory();
  if (!isDirectory && !hasSourceExtension(abs)) return null;
  const what = isDirectory ? 'a directory' : 'a file';
  const shownTarget = displayPath(cwd, target);
  const reason = isInside(realRoot, target)
    ? `symbolic link to ${what} inside the root (${shownTarget}): not followed; the target is scanned at its own path unless excluded`
    : `symbolic link to ${what} outside the root (${shownTarget}): not followed`;
  return { abs, status: 'skipped', reason };
}

function isInside(dir: string, candidate: string): boolean {
  const relative = path.relative(dir, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The node fs, except that directories fast-glob cannot list are remembered with the OS reason. */
function fsRecordingReaddirErrors(unreadable: Map<string, string>): typeof fs {
  const readdirSync = ((dir: fs.PathLike, ...rest: unknown[]) => {
    try {
      return (fs.readdirSync as (...args: unknown[]) => unknown)(dir, ...rest);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') unreadable.set(String(dir), osReason(error));
      throw error;
    }
  }) as typeof fs.readdirSync;
  return { ...fs, readdirSync };
}

function dedupe(candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => !seen.has(c.key) && seen.add(c.key));
}

function findingFor(result: FileResult): Finding {
  const failed = result.status === 'failed';
  return {
    ruleId: 'project',
    kind: failed ? 'error' : 'note',
    file: result.path,
    line: 1,
    column: 1,
    message: `${failed ? 'Could not read' : 'Skipped'}: ${result.reason}.`,
  };
}
