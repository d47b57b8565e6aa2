// Reads one candidate file with the guards every stage relies on: never through a symbolic link,
// never blocking on a FIFO, nothing larger than the size limit, nothing that is not UTF-8 text.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import type { SourceText } from '../syntax/source-text.js';

export type ReadOutcome =
  | { status: 'read'; source: SourceText }
  | { status: 'skipped' | 'failed'; reason: string };

// O_NOFOLLOW: a file swapped for a symlink after listing is refused, not followed.
// O_NONBLOCK: opening a FIFO must not hang the run waiting for a writer.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Synchronous on purpose: for thousands of small local files, plain open/fstat/read/close is about
 * ten times faster than the promise API (measured: 8000 files in 78 ms against 760 ms).
 */
export function readSourceFile(absPath: string, maxFileBytes: number): ReadOutcome {
  let fd: number;
  try {
    fd = openSync(absPath, OPEN_FLAGS);
  } catch (error) {
    if (errorCode(error) === 'ELOOP') return { status: 'skipped', reason: 'symbolic link: not followed' };
    return { status: 'failed', reason: `cannot open: ${osReason(error)}` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { status: 'skipped', reason: `not a regular file (${fileKind(stats)})` };
    if (stats.size > maxFileBytes) return tooLarge(stats.size, maxFileBytes);
    const bytes = readAll(fd, stats.size, maxFileBytes);
    if (bytes === null) return tooLarge(maxFileBytes + 1, maxFileBytes);
    return decodeSourceBytes(absPath, bytes, stats.mode & 0o7777);
  } catch (error) {
    return { status: 'failed', reason: `cannot read: ${osReason(error)}` };
  } finally {
    closeSync(fd);
  }
}

// Scratch space for reading past the size fstat reported (a file that is still being written).
const TAIL = Buffer.allocUnsafe(64 * 1024);

/** Reads to the end of the file; null if it grew past the limit since fstat. */
function readAll(fd: number, expectedSize: number, maxFileBytes: number): Buffer | null {
  const buffer = Buffer.allocUnsafe(expectedSize);
  let length = 0;
  while (length < expectedSize) {
    const read = readSync(fd, buffer, length, expectedSize - length, null);
    if (read === 0) return buffer.subarray(0, length);
    length += read;
  }
  const parts = [buffer];
  for (let read = readSync(fd, TAIL, 0, TAIL.length, null); read > 0; read = readSync(fd, TAIL, 0, TAIL.length, null)) {
    length += read;
    if (length > maxFileBytes) return null;
    parts.push(Buffer.from(TAIL.subarray(0, read)));
  }
  return parts.length === 1 ? buffer : Buffer.concat(parts);
}

/** Turns raw bytes into a SourceText, or says why they are not source text. */
export function decodeSourceBytes(absPath: string, bytes: Buffer, mode: number): ReadOutcome {
  if (bytes.includes(0)) return { status: 'skipped', reason: 'binary file (contains a NUL byte)' };
  if (!isUtf8(bytes)) return { status: 'skipped', reason: 'binary file or not UTF-8 (invalid UTF-8 bytes)' };
  let text = bytes.toString('utf8');
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  return { status: 'read', source: { path: absPath, text, bom, eol: dominantEol(text), mode } };
}

/** The line ending used by most lines; `\n` on a tie or when there is no line break at all. */
export function dominantEol(text: string): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/** "EACCES: permission denied" from a Node fs error, without the path Node appends. */
export function osReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message.replace(/, \w+ '[^']*'(?: -> '[^']*')?$/, '');
}

export function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function tooLarge(size: number, limit: number): ReadOutcome {
  return {
    status: 'skipped',
    reason: `too large: ${formatBytes(size)} exceeds the ${formatBytes(limit)} limit (--max-file-size); likely generated or vendored`,
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'FIFO';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  return 'special file';
}
