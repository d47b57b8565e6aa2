// The tool's name and version for reports and baselines, read from our own package.json (found
// by walking up, so it works from src/ under tests and from dist/src/ when built).
import { readFileSync } from 'node:fs';

export const TOOL_NAME = 'trace-migrate';

let cachedVersion: string | undefined;

export function toolVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  let dir = new URL('.', import.meta.url);
  for (let depth = 0; depth < 6; depth++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === TOOL_NAME && typeof pkg.version === 'string') return (cachedVersion = pkg.version);
    } catch {
      // no package.json at this level
    }
    dir = new URL('..', dir);
  }
  return (cachedVersion = '0.0.0');
}
