// The only way trace-migrate writes project files: a temp file in the same directory, flushed,
// then renamed over the target (atomic on POSIX), so a crash or a failed write never leaves a
// half-written file. On any failure the temp file is removed and the original is untouched.
import { randomBytes } from 'node:crypto';
import { link, lstat, mkdir, open, rename, unlink, copyFile, type FileHandle } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';

export interface WriteTarget {
  /** Absolute path of an existing file (not a symbolic link). */
  path: string;
  /** Restore the UTF-8 byte-order mark the file had when it was read. */
  bom: boolean;
  /** Permission bits to keep (SourceText.mode). */
  mode: number;
}

const BOM = '\uFEFF';

/**
 * Replaces an existing file's content. `text` is the content without a BOM (as in SourceText);
 * the BOM is written back when `target.bom` is set. Owner and group are kept when the process
 * may set them (it runs as root or owns the file).
 */
export async function writeFileAtomic(target: WriteTarget, text: string): Promise<void> {
  const existing = await lstat(target.path);
  // Renaming over a link would replace the link itself with a regular file.
  if (existing.isSymbolicLink()) throw new Error(`refusing to write through a symbolic link: ${target.path}`);
  if (!existing.isFile()) throw new Error(`not a regular file: ${target.path}`);
  const body = target.bom && !text.startsWith(BOM) ? BOM + text : text;
  await withTempFile(target.path, 0o600, async (handle, tempPath) => {
    await handle.writeFile(body, 'utf8');
    await handle.chmod(target.mode & 0o7777);
    await handle.chown(existing.uid, existing.gid).catch(() => undefined);
    await handle.sync();
    await handle.close();
    await rename(tempPath, target.path);
  });
}

/**
 * Creates a file that must not exist yet (e.g. the emitted runtime module), with its parent
 * directories. Fails with EEXIST if it exists; the file appears complete or not at all.
 */
export async function writeNewFile(filePath: string, text: string): Promise<void> {
  await mkdir(path.dirname(filePath), { recursive: true });
  // 0o666 before the umask, like any newly created file.
  await withTempFile(filePath, 0o666, async (handle, tempPath) => {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
    await handle.close();
    try {
      // link() refuses an existing target atomically, unlike rename().
      await link(tempPath, filePath);
    } catch (error) {
      if (!isLinkUnsupported(error)) throw error;
      await copyFile(tempPath, filePath, constants.COPYFILE_EXCL);
    }
    await unlink(tempPath);
  });
}

/** Runs `work` with a fresh temp file next to `targetPath`; removes the temp file if `work` fails. */
async function withTempFile(
  targetPath: string,
  mode: number,
  work: (handle: FileHandle, tempPath: string) => Promise<void>,
): Promise<void> {
  const tempPath = path.join(
    path.dirname(targetPath),
    `.${path.basename(targetPath)}.${randomBytes(6).toString('hex')}.trace-migrate.tmp`,
  );
  const handle = await open(tempPath, 'wx', mode);
  try {
    await work(handle, tempPath);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
}

function isLinkUnsupported(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'EXDEV';
}
