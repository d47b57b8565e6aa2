// TEMPORARY (replaced by the io branch).
import { chmod, rename, writeFile, unlink } from 'node:fs/promises';
export async function writeFileAtomic(target: { path: string; bom: boolean; mode: number }, text: string): Promise<void> {
  const tmp = `${target.path}.trace-migrate-${process.pid}.tmp`;
  try {
    await writeFile(tmp, (target.bom ? '\uFEFF' : '') + text);
    await chmod(tmp, target.mode & 0o7777);
    await rename(tmp, target.path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
export async function writeNewFile(path: string, text: string): Promise<void> {
  await writeFile(path, text, { flag: 'wx' });
}
