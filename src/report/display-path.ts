// Paths as users read them: relative to the working directory, forward slashes.
import { relative } from 'node:path';

export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute).split('\\').join('/');
  return rel === '' ? '.' : rel;
}
