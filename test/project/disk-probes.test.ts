import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskProbes } from '../../src/project/disk-probes.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('DiskProbes', () => {
  it('answers as the disk did at the first question, for the rest of its run', async () => {
    const dir = await makeTempDir();
    const probes = new DiskProbes();
    const file = path.join(dir, 'a.ts');
    const folder = path.join(dir, 'lib');
    expect(probes.fileExists(file)).toBe(false);
    expect(probes.directoryExists(folder)).toBe(false);
    writeFileSync(file, '');
    mkdirSync(folder);
    // The disk does not change during a run: the answer is remembered, not asked again.
    expect(probes.fileExists(file)).toBe(false);
    expect(probes.directoryExists(folder)).toBe(false);
    // A new run asks again.
    const next = new DiskProbes();
    expect(next.fileExists(file)).toBe(true);
    expect(next.directoryExists(folder)).toBe(true);
    expect(next.fileExists(folder)).toBe(false);
    expect(next.directoryExists(file)).toBe(false);
  });
});
