import { execFileSync } from 'node:child_process';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dominantEol, readSourceFile } from '../../src/project/read-source-file.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { asUnprivilegedUser } from '../helpers/unprivileged.js';

describe('readSourceFile', () => {
  it('reads an empty file', async () => {
    const dir = await makeTempDir();
    await writeFile(path.join(dir, 'empty.ts'), '');
    await chmod(path.join(dir, 'empty.ts'), 0o640);
    expect(readSourceFile(path.join(dir, 'empty.ts'), 100)).toEqual({
      status: 'read',
      source: { path: path.join(dir, 'empty.ts'), text: '', bom: false, eol: '\n', mode: 0o640 },
    });
  });

  it('skips a FIFO without waiting for a writer, and a directory named like a file', async () => {
    const dir = await makeTempDir();
    execFileSync('mkfifo', [path.join(dir, 'pipe.ts')]);
    await mkdir(path.join(dir, 'folder.ts'));
    expect(readSourceFile(path.join(dir, 'pipe.ts'), 100)).toEqual({ status: 'skipped', reason: 'not a regular file (FIFO)' });
    expect(readSourceFile(path.join(dir, 'folder.ts'), 100)).toEqual({
      status: 'skipped',
      reason: 'not a regular file (directory)',
    });
  });

  it('never reads through a symbolic link, even a dangling one', async () => {
    const dir = await makeTempDir();
    await writeFile(path.join(dir, 'real.ts'), 'real');
    await symlink('real.ts', path.join(dir, 'link.ts'));
    await symlink('missing.ts', path.join(dir, 'dangling.ts'));
    const notFollowed = { status: 'skipped', reason: 'symbolic link: not followed' };
    expect(readSourceFile(path.join(dir, 'link.ts'), 100)).toEqual(notFollowed);
    expect(readSourceFile(path.join(dir, 'dangling.ts'), 100)).toEqual(notFollowed);
  });

  it('fails with the OS reason for a missing or unreadable file', async () => {
    const dir = await makeTempDir();
    await chmod(dir, 0o755);
    await writeFile(path.join(dir, 'locked.ts'), 'secret');
    await chmod(path.join(dir, 'locked.ts'), 0o000);
    expect(readSourceFile(path.join(dir, 'gone.ts'), 100)).toEqual({
      status: 'failed',
      reason: 'cannot open: ENOENT: no such file or directory',
    });
    const outcome = await asUnprivilegedUser(async () => readSourceFile(path.join(dir, 'locked.ts'), 100));
    expect(outcome).toEqual({ status: 'failed', reason: 'cannot open: EACCES: permission denied' });
  });

  it('skips a file one byte over the limit and reads one at the limit', async () => {
    const dir = await makeTempDir();
    await writeFile(path.join(dir, 'at.ts'), 'x'.repeat(100));
    await writeFile(path.join(dir, 'over.ts'), 'x'.repeat(101));
    expect(readSourceFile(path.join(dir, 'at.ts'), 100).status).toBe('read');
    expect(readSourceFile(path.join(dir, 'over.ts'), 100)).toEqual({
      status: 'skipped',
      reason: 'too large: 101 B exceeds the 100 B limit (--max-file-size); likely generated or vendored',
    });
  });
});

describe('dominantEol', () => {
  it('picks the line ending most lines use, LF on a tie or without line breaks', () => {
    expect(dominantEol('a\r\nb\r\nc\n')).toBe('\r\n');
    expect(dominantEol('a\r\nb\nc\n')).toBe('\n');
    expect(dominantEol('a\r\nb\n')).toBe('\n');
    expect(dominantEol('\r\n')).toBe('\r\n');
    expect(dominantEol('abc')).toBe('\n');
  });
});
