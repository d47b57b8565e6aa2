// The one place option values are checked: every source (flags, config file, package.json key)
// goes through validateOptions, so a value is accepted or rejected the same way wherever it
// comes from. Errors name the source and the key, and say what was expected and what was found.
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { OPTIONS, flagName, optionSpec, type OptionKind, type OptionValues } from './options.js';

export type OptionSource =
  /** Parsed command-line flags; values are commander's raw strings/booleans/arrays. */
  | { kind: 'flags'; baseDir: string }
  /** A JSON config file; `label` is how messages name it (relative to cwd). */
  | { kind: 'config-file'; file: string; label: string }
  /** The "traceMigrate" key of a package.json. */
  | { kind: 'package-json'; file: string; label: string };

export type PartialOptions = Partial<OptionValues>;

export function validateOptions(raw: unknown, source: OptionSource): PartialOptions {
  if (!isPlainObject(raw)) {
    throw new UsageError(`${sourceName(source)} must be a JSON object of options (got ${describe(raw)})`);
  }
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const spec = optionSpec(key);
    if (spec === undefined) throw new UsageError(unknownKeyMessage(key, source));
    if (spec.commandLineOnly && source.kind !== 'flags') {
      throw new UsageError(`${where(source, key)} can only be given on the command line (${flagName(key)})`);
    }
    if (value === undefined) continue;
    values[key] = validateValue(value, spec.kind, key, source);
  }
  return values as PartialOptions;
}

function validateValue(value: unknown, kind: OptionKind, key: string, source: OptionSource): unknown {
  const fail = (expected: string): never => {
    throw new UsageError(`${where(source, key)} must be ${expected} (got ${describe(value)})`);
  };
  const fromFlags = source.kind === 'flags';
  switch (kind.type) {
    case 'boolean':
      return typeof value === 'boolean' ? value : fail('true or false');
    case 'names': {
      const items = fromFlags ? splitFlagList(value) : value;
      if (!isStringArray(items)) return fail('an array of parameter names');
      for (const name of items) {
        if (name === '') fail('a list of non-empty names');
        if (!isIdentifier(name)) fail(`a list of JavaScript identifiers ("${name}" is not one)`);
      }
      return [...new Set(items)];
    }
    case 'identifier':
      if (typeof value !== 'string' || value === '') return fail('a non-empty name');
      return isIdentifier(value) ? value : fail('a JavaScript identifier');
    case 'globs': {
      if (!isStringArray(value)) return fail('an array of glob strings');
      if (value.some((glob) => glob.trim() === '')) fail('a list of non-empty globs');
      return value;
    }
    case 'choice':
      return typeof value === 'string' && kind.values.includes(value)
        ? value
        : fail(`one of ${kind.values.map((v) => `"${v}"`).join(', ')}`);
    case 'path': {
      if (typeof value !== 'string' || value.trim() === '') return fail('a non-empty path');
      const absolute = resolve(baseDir(source), value);
      if (kind.mustExist === 'file' && !isFile(absolute)) {
        throw new UsageError(`${where(source, key)}: file "${value}" does not exist${shownResolved(value, absolute)}`);
      }
      return absolute;
    }
    case 'paths': {
      if (!isStringArray(value)) return fail('an array of paths');
      return value.map((path) => {
        if (path.trim() === '') fail('a list of non-empty paths');
        const absolute = resolve(baseDir(source), path);
        if (!exists(absolute)) {
          throw new UsageError(`${where(source, key)}: "${path}" does not exist${shownResolved(path, absolute)}`);
        }
        return absolute;
      });
    }
    case 'bytes': {
      const bytes = fromFlags && typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
      return typeof bytes === 'number' && Number.isSafeInteger(bytes) && bytes > 0 ? bytes : fail('a whole number of bytes above 0');
    }
  }
}

/** `--param-names a,b --param-names c` arrives as ["a,b", "c"]. */
function splitFlagList(value: unknown): unknown {
  const parts = typeof value === 'string' ? [value] : value;
  if (!isStringArray(parts)) return value;
  return parts.flatMap((part) => part.split(',').map((name) => name.trim()));
}

/** "--logger", "trace-migrate.config.json: \"logger\"", "package.json: \"traceMigrate.logger\"". */
export function where(source: OptionSource, key: string): string {
  switch (source.kind) {
    case 'flags':
      return flagName(key);
    case 'config-file':
      return `${source.label}: "${key}"`;
    case 'package-json':
      return `${source.label}: "traceMigrate.${key}"`;
  }
}

function sourceName(source: OptionSource): string {
  switch (source.kind) {
    case 'flags':
      return 'the command line';
    case 'config-file':
      return source.label;
    case 'package-json':
      return `${source.label}: "traceMigrate"`;
  }
}

function baseDir(source: OptionSource): string {
  return source.kind === 'flags' ? source.baseDir : resolve(source.file, '..');
}

function shownResolved(given: string, absolute: string): string {
  return isAbsolute(given) ? '' : ` (looked for ${absolute})`;
}

function unknownKeyMessage(key: string, source: OptionSource): string {
  const known = OPTIONS.filter((option) => !option.commandLineOnly || source.kind === 'flags').map((option) => option.key);
  const suggestion = closest(key, known);
  const hint = suggestion ? `; did you mean "${suggestion}"?` : `; known options: ${known.join(', ')}`;
  return `${sourceName(source)}: unknown option "${key}"${hint}`;
}

/** The known key within edit distance 2 (case-insensitive), if any. */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array ${truncate(JSON.stringify(value))}`;
  if (typeof value === 'string') return JSON.stringify(truncate(value));
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
