// Paths shown to people (report, findings, baseline) are relative and use forward slashes on
// every platform, so reports and baselines are identical on Windows and POSIX.
import path from 'node:path';

/** `abs` relative to `base`, with forward slashes; `.` for `base` itself. */
export function displayPath(base: string, abs: string): string {
  const relative = path.relative(base, abs);
  if (relative === '') return '.';
  return relative.split(path.sep).join('/');
}
