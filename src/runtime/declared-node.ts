// The Node version a project says it runs on, read from its files (nothing is executed): the emitted
// trace-context module needs AsyncLocalStorage, `node:` specifiers and ES2021 syntax (`??=`), so a
// service pinned to an older Node would crash at start-up after the migration — and its older parser
// (lint, babel) cannot even read the module.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The oldest Node major the emitted module runs on. */
export const RUNTIME_MIN_NODE_MAJOR = 16;

export interface DeclaredNode {
  /** What the project says, as written (`10.15.3`, `^12.4.0`). */
  version: string;
  /** Where it says it: `.nvmrc`, `.node-version` or `package.json "engines"`. */
  source: string;
}

/**
 * The declaration, from `dir` up to the repository root, that pins the project below the module's
 * minimum: a `.nvmrc`/`.node-version` naming an older major, or an `engines.node` range whose every
 * alternative ends below it (`10.x`, `^12`, `<14`; `>=10` does not pin). Undefined when none does.
 */
export function nodeBelowRuntimeMinimum(dir: string): DeclaredNode | undefined {
  for (let current = dir; ; current = dirname(current)) {
    for (const file of ['.nvmrc', '.node-version']) {
      const text = readText(join(current, file))?.trim();
      const major = text ? /^v?(\d+)/.exec(text)?.[1] : undefined;
      if (major !== undefined) return Number(major) < RUNTIME_MIN_NODE_MAJOR ? { version: text!, source: file } : undefined;
    }
    const engines = enginesNode(join(current, 'package.json'));
    if (engines !== undefined) {
      const highest = highestMajorAllowed(engines);
      return highest !== undefined && highest < RUNTIME_MIN_NODE_MAJOR ? { version: engines, source: 'package.json "engines"' } : undefined;
    }
    if (existsSync(join(current, '.git')) || dirname(current) === current) return undefined;
  }
}

/** The highest major a semver range lets run, or undefined when it has no upper bound (`>=10`, `*`). */
function highestMajorAllowed(range: string): number | undefined {
  let highest = -1;
  for (const alternative of range.split('||').map((a) => a.trim())) {
    const upper = /<(=?)\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(alternative);
    if (upper) {
      const inclusiveOrMinor = upper[1] === '=' || Number(upper[3] ?? 0) > 0 || Number(upper[4] ?? 0) > 0;
      highest = Math.max(highest, inclusiveOrMinor ? Number(upper[2]) : Number(upper[2]) - 1);
      continue;
    }
    const pinned = /^(?:[\^~=]\s*)?v?(\d+)/.exec(alternative);
    if (!pinned) return undefined; // `>=10`, `*`, `x`, empty: no upper bound
    highest = Math.max(highest, Number(pinned[1]));
  }
  return highest >= 0 ? highest : undefined;
}

function enginesNode(packageJsonPath: string): string | undefined {
  const text = readText(packageJsonPath);
  if (text === undefined) return undefined;
  try {
    const engines = (JSON.parse(text) as { engines?: { node?: unknown } }).engines;
    return typeof engines?.node === 'string' ? engines.node : undefined;
  } catch {
    return undefined;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
