// The package.json that governs a directory: where it is, its "type", its dependencies.
// No TypeScript here: the jscodeshift transform uses it too.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function nearestPackageJson(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const candidate = join(current, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

function readManifest(dir: string): Record<string, unknown> | undefined {
  const path = nearestPackageJson(dir);
  if (!path) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The nearest package.json's "type" (commonjs when absent or unreadable). */
export function packageTypeOf(dir: string): 'module' | 'commonjs' {
  return readManifest(dir)?.type === 'module' ? 'module' : 'commonjs';
}

/** Whether the nearest package.json lists `name` among its dependencies of any kind. */
export function dependsOn(dir: string, name: string): boolean {
  const manifest = readManifest(dir) as Record<string, Record<string, string> | undefined> | undefined;
  return ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].some((key) => !!manifest?.[key]?.[name]);
}
