// The project's source files the run does not select and the program does not hold: under the
// project's folder (tsconfig's, else the first root's package), not under the given paths, not in
// tsconfig's files. They are never edited; the analysis reads their imports (outside-importers.ts)
// so that a function they call keeps its parameters. Git-ignored files, node_modules and build
// output are not read; past a bound, the rest is not either (a monorepo's whole tree is not the
// project).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { globbySync } from 'globby';
import { DEFAULT_EXTENSIONS } from '../config/config.js';
import type { SourceText } from '../syntax/source-text.js';
import { hasSourceExtension, SKIPPED_DIR_NAMES } from './discover-files.js';
import { readSourceFile } from './read-source-file.js';

const MAX_OUTSIDE_FILES = 5000;

export function readOutsideFiles(
  projectDir: string,
  selectedRoots: readonly string[],
  inProgram: (absPath: string) => boolean,
  maxFileBytes: number,
): SourceText[] {
  const selected = selectedRoots.map((root) => path.relative(projectDir, root)).filter((rel) => rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel));
  // A root that is the project folder (or above it) selects everything: nothing is outside.
  if (selectedRoots.some((root) => !path.relative(root, projectDir).startsWith('..'))) return [];
  const entries = globbySync(
    DEFAULT_EXTENSIONS.map((ext) => `**/*${ext}`),
    {
      cwd: projectDir,
      absolute: true,
      gitignore: true,
      followSymbolicLinks: false,
      dot: false,
      suppressErrors: true,
      ignore: [...SKIPPED_DIR_NAMES.map((name) => `**/${name}/**`), ...selected.flatMap((rel) => [rel, `${rel}/**`])],
    },
  );
  const out: SourceText[] = [];
  for (const file of entries.slice(0, MAX_OUTSIDE_FILES)) {
    if (!hasSourceExtension(file) || inProgram(file)) continue;
    const read = readSourceFile(file, maxFileBytes);
    if (read.status === 'read') out.push(read.source);
  }
  return out;
}

/** The project's folder: the tsconfig's, else the nearest package.json's above the first root, else the root's own. */
export function projectDirOf(tsconfigPath: string | undefined, firstRoot: string): string {
  if (tsconfigPath) return path.dirname(tsconfigPath);
  for (let dir = firstRoot; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return firstRoot;
  }
}
