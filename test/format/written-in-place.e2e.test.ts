// Leaving a file as the rules wrote it (lines-written-in-place.ts) must give exactly what the
// format stage gives when prettier lays the file out: the same dry-run diff, on a generated corpus
// and on the example app, both without a formatter (file-style mode). And it must apply to most
// files, or the shortcut would save nothing.
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

describe('files left as edited read exactly as prettier would lay them out', () => {
  it('on a generated corpus', async () => {
    const dir = join(work, 'corpus');
    generateCorpus(dir, 150, 4);
    const { formatted, inPlace, filesInPlace } = await bothWays(dir, [join(dir, 'src')]);
    expect(formatted.formatting?.formatter).toBe('file-style');
    expect(inPlace.diff).toBe(formatted.diff);
    expect(filesInPlace).toBeGreaterThan(formatted.summary.filesChanged / 2);
  }, 300_000);

  it('on the example app', async () => {
    const dir = join(work, 'app');
    cpSync(join(REPO, 'fixtures/example-app'), dir, { recursive: true });
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
    const { formatted, inPlace, filesInPlace } = await bothWays(dir, [join(dir, 'src')]);
    expect(formatted.summary.filesChanged).toBeGreaterThan(5);
    expect(inPlace.diff).toBe(formatted.diff);
    expect(filesInPlace).toBeGreaterThan(0);
  }, 300_000);
});
