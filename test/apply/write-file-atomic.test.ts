import { execFileSync } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeNewFile } from '../../src/apply/write-file-atomic.js';
import { readSourceFile } from '../../src/project/read-source-file.js';
import type { SourceText } from '../../src/syntax/source-text.js';
import { makeTempDir } from '../helpers/temp-dir.js';

async function readSource(file: string): Promise<SourceText> {
  const outcome = readSourceFile(file, 10 * 1024 * 1024);
  if (outcome.status !== 'read') throw new Error(`could not read ${file}: ${outcome.reason}`);
  return outcome.source;
}

/**
 * Runs `fn` while this process may not grow any file beyond `bytes` (RLIMIT_FSIZE). Root is not
 * exempt, so a write past the limit really fails with EFBIG, the way a full disk fails it.
 */
async function withFileSizeLimit<T>(bytes: number, fn: () => Promise<T>): Promise<T> {
  const pid = String(process.pid);
  const previous = execFileSync('prlimit', ['--pid', pid, '--fsize', '--raw', '--noheadings', '--output', 'SOFT'], {
    encoding: 'utf8',
  }).trim();
  execFileSync('prlimit', ['--pid', pid, `--fsize=${bytes}:`]);
  try {
    return await fn();
  } finally {
    execFileSync('prlimit', ['--pid', pid, `--fsize=${previous}:`]);
  }
}

describe('writeFileAtomic', () => {
  it('round-trips a BOM, CRLF line endings and the mode byte for byte', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'a.ts');
    const original = Buffer.from('\uFEFFconst a = 1;\r\n// café\r\nconst b = 2;', 'utf8');
    await writeFile(file, original);
    await chmod(file, 0o751);
    const source = await readSource(file);
    expect(source.bom).toBe(true);
    expect(source.text.startsWith('const')).toBe(true);

    await writeFileAtomic(source, source.text);
    expect(await readFile(file)).toEqual(original);
    expect((await stat(file)).mode & 0o7777).toBe(0o751);
    expect(await readdir(dir)).toEqual(['a.ts']);
  });

  it('writes new text with the BOM restored and without one when the file had none', async () => {
    const dir = await makeTempDir();
    const withBom = path.join(dir, 'bom.ts');
    const without = path.join(dir, 'plain.ts');
    await writeFile(withBom, '\uFEFFold\r\n');
    await writeFile(without, 'old\n');
    await writeFileAtomic(await readSource(withBom), 'new\r\n');
    await writeFileAtomic(await readSource(without), 'new\n');
    expect(await readFile(withBom)).toEqual(Buffer.from([0xef, 0xbb, 0xbf, 0x6e, 0x65, 0x77, 0x0d, 0x0a]));
    expect(await readFile(without)).toEqual(Buffer.from('new\n'));
  });

  it('does not double a BOM the text already carries', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'bom.ts');
    await writeFile(file, '\uFEFFold');
    await writeFileAtomic({ path: file, bom: true, mode: 0o644 }, '\uFEFFnew');
    expect(await readFile(file, 'utf8')).toBe('\uFEFFnew');
  });

  it('leaves the original intact and no temp file when the write fails (EFBIG)', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'a.ts');
    await writeFile(file, 'original\n');
    const source = await readSource(file);
    const error = await withFileSizeLimit(4096, () => writeFileAtomic(source, 'x'.repeat(64 * 1024))).catch(
      (e: unknown) => e,
    );
    expect((error as NodeJS.ErrnoException).code).toBe('EFBIG');
    expect(await readFile(file, 'utf8')).toBe('original\n');
    expect(await readdir(dir)).toEqual(['a.ts']);
  });

  it('refuses to write through a symbolic link (it would replace the link) or to a directory', async () => {
    const dir = await makeTempDir();
    await writeFile(path.join(dir, 'real.ts'), 'real');
    await symlink('real.ts', path.join(dir, 'link.ts'));
    await mkdir(path.join(dir, 'folder.ts'));
    await expect(writeFileAtomic({ path: path.join(dir, 'link.ts'), bom: false, mode: 0o644 }, 'x')).rejects.toThrow(
      /refusing to write through a symbolic link/,
    );
    await expect(writeFileAtomic({ path: path.join(dir, 'folder.ts'), bom: false, mode: 0o644 }, 'x')).rejects.toThrow(
      /not a regular file/,
    );
    expect(await readFile(path.join(dir, 'real.ts'), 'utf8')).toBe('real');
    expect((await readdir(dir)).sort()).toEqual(['folder.ts', 'link.ts', 'real.ts']);
  });

  it('fails on a file that does not exist (new files go through writeNewFile)', async () => {
    const dir = await makeTempDir();
    await expect(writeFileAtomic({ path: path.join(dir, 'nope.ts'), bom: false, mode: 0o644 }, 'x')).rejects.toThrow(
      /ENOENT/,
    );
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('writeNewFile', () => {
  it('creates the file and its parent directories, leaving no temp file', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'src/lib/trace-context.ts');
    await writeNewFile(file, 'export {};\n');
    expect(await readFile(file, 'utf8')).toBe('export {};\n');
    expect(await readdir(path.dirname(file))).toEqual(['trace-context.ts']);
  });

  it('fails with EEXIST and keeps an existing file as it was', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'taken.ts');
    await writeFile(file, 'mine');
    const error = await writeNewFile(file, 'theirs').catch((e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code).toBe('EEXIST');
    expect(await readFile(file, 'utf8')).toBe('mine');
    expect(await readdir(dir)).toEqual(['taken.ts']);
  });

  it('leaves nothing behind when the write fails (EFBIG)', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'big.ts');
    const error = await withFileSizeLimit(4096, () => writeNewFile(file, 'y'.repeat(64 * 1024))).catch(
      (e: unknown) => e,
    );
    expect((error as NodeJS.ErrnoException).code).toBe('EFBIG');
    expect(await readdir(dir)).toEqual([]);
  });
});
