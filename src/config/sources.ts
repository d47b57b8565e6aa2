// Finds and reads the two option files: the JSON config file and the nearest package.json.
// Both are parsed as JSON only; trace-migrate never loads (executes) a config module.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';

export const CONFIG_FILE_NAME = 'trace-migrate.config.json';
export const PACKAGE_JSON_KEY = 'traceMigrate';

export interface OptionFile {
  /** Absolute path of the file. */
  file: string;
  /** How messages name it: relative to cwd when inside it. */
  label: string;
  /** The parsed options object (not yet validated). */
  options: unknown;
}

const CODE_EXTENSIONS = new Set(['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts', '.jsx', '.tsx']);

/** `--config FILE` (already resolved, known to exist), else ./trace-migrate.config.json if present. */
export function readConfigFile(cwd: string, explicitPath: string | undefined): OptionFile | undefined {
  const file = explicitPath ?? join(cwd, CONFIG_FILE_NAME);
  if (explicitPath === undefined && !existsSync(file)) return undefined;
  const label = displayPath(cwd, file);
  if (CODE_EXTENSIONS.has(extname(file).toLowerCase())) {
    throw new UsageError(
      `${label}: config files must be JSON; trace-migrate never executes code (use ${CONFIG_FILE_NAME})`,
    );
  }
  return { file, label, options: parseJsonFile(file, label) };
}

/** The "traceMigrate" key of the nearest package.json at or above cwd, if it has one. */
export function readPackageJsonOptions(cwd: string): OptionFile | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const label = displayPath(cwd, file);
      const pkg = parseJsonFile(file, label);
      if (typeof pkg !== 'object' || pkg === null || !(PACKAGE_JSON_KEY in pkg)) return undefined;
      return { file, label, options: (pkg as Record<string, unknown>)[PACKAGE_JSON_KEY] };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function parseJsonFile(file: string, label: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${label}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`${label}: is not valid JSON (${(error as Error).message})`);
  }
}

function displayPath(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel === '' || isAbsolute(rel) ? file : rel.split('\\').join('/');
}
