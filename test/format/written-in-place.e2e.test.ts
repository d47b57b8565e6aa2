// Leaving a file as the rules wrote it (lines-written-in-place.ts) must give exactly what the
// format stage gives when prettier lays the file out — the same dry-run diff, on a generated corpus
// and on the example app, both without a formatter (file-style mode) — except in the lines a
// `withTrace(…)` wrap only moved one level deeper: those keep their author's layout where prettier
// would lay them out anew. And it must apply to most files, or the shortcut would save nothing.
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { defineConfig, migrate } from '../../src/index.js';
import { generateCorpus } from '../support/corpus.js';

const layout = vi.hoisted(() => ({ enabled: true, inPlace: 0 }));

vi.mock('../../src/format/lines-written-in-place.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/format/lines-written-in-place.js')>();
  return {
    ...original,
    linesWrittenInPlace: (...args: Parameters<typeof original.linesWrittenInPlace>) => {
      if (!layout.enabled) return undefined;
      const written = original.linesWrittenInPlace(...args);
      if (written) layout.inPlace++;
      return written;
    },
  };
});

const REPO = new URL('../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'written-in-place-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function bothWays(root: string, paths: string[]) {
  const run = async (enabled: boolean) => {
    layout.enabled = enabled;
    layout.inPlace = 0;
    const report = await migrate(defineConfig({ paths, cwd: root, dryRun: true }));
    return { report, inPlace: layout.inPlace };
  };
  const formatted = await run(false);
  const inPlace = await run(true);
  return { formatted: formatted.report, inPlace: inPlace.report, filesInPlace: inPlace.inPlace };
}

/** Each file's part of a unified diff, by path. */
function diffsByFile(diff: string): Map<string, string[]> {
  const files = new Map<string, string[]>();
  let lines: string[] = [];
  for (const line of diff.split('\n')) {
    const header = /^diff --git a\/(\S+)/.exec(line);
    if (header) files.set(header[1]!, (lines = []));
    else lines.push(line);
  }
  return files;
}

/**
 * The two diffs are the same, file by file, except that in a file with a wrap the in-place diff
 * may add a line prettier laid out otherwise when it is one of the file's removed lines, one
 * `unit` deeper (a moved line as its author wrote it). Returns how many files differ so.
 */
function expectSameBarMovedLines(inPlace: string, formatted: string, unit: string): number {
  const mine = diffsByFile(inPlace);
  const theirs = diffsByFile(formatted);
  expect([...mine.keys()]).toEqual([...theirs.keys()]);
  let differing = 0;
  for (const [path, lines] of mine) {
    const other = theirs.get(path)!;
    if (lines.join('\n') === other.join('\n')) continue;
    differing++;
    expect(lines.some((line) => /^\+.*withTrace\(/.test(line)), path).toBe(true);
    const added = (list: string[]) => list.filter((line) => line.startsWith('+') && !line.startsWith('+++'));
    const removed = new Set(lines.filter((line) => line.startsWith('-') && !line.startsWith('---')).map((line) => line.slice(1)));
    const prettiers = added(other);
    for (const line of added(lines)) {
      const at = prettiers.indexOf(line);
      if (at >= 0) prettiers.splice(at, 1);
      else expect(line.startsWith(`+${unit}`) && removed.has(line.slice(1 + unit.length)), `${path}: ${line}`).toBe(true);
    }
  }
  return differing;
}

describe('files left as edited read exactly as prettier would lay them out, but for lines a wrap moved', () => {
  it('on a generated corpus', async () => {
    const dir = join(work, 'corpus');
    generateCorpus(dir, 150, 4);
    const { formatted, inPlace, filesInPlace } = await bothWays(dir, [join(dir, 'src')]);
    expect(formatted.formatting?.formatter).toBe('file-style');
    // The corpus's handlers have a member chain prettier breaks when it lays out their wrapped lines.
    expect(expectSameBarMovedLines(inPlace.diff ?? '', formatted.diff ?? '', '  ')).toBeGreaterThan(0);
    expect(filesInPlace).toBeGreaterThan(formatted.summary.filesChanged / 2);
  }, 300_000);

  it('on the example app', async () => {
    const dir = join(work, 'app');
    cpSync(join(REPO, 'fixtures/example-app'), dir, { recursive: true });
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
    const { formatted, inPlace, filesInPlace } = await bothWays(dir, [join(dir, 'src')]);
    expect(formatted.summary.filesChanged).toBeGreaterThan(5);
    expectSameBarMovedLines(inPlace.diff ?? '', formatted.diff ?? '', '  ');
    expect(filesInPlace).toBeGreaterThan(0);
  }, 300_000);
});
