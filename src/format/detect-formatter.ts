// Which formatter a project runs, from its files alone (nothing of the project is executed):
// a prettier config, a `prettier` key or dependency in package.json, prettier in the ESLint
// config (eslint-plugin-prettier, eslint-config-prettier); or Biome's or dprint's config.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type DetectedFormatter =
  | {
      kind: 'prettier';
      evidence: string;
      dir: string;
      /**
       * Nothing declares prettier's options or checks files against them: it is only installed, or only
       * switches ESLint's style rules off (eslint-config-prettier). Its defaults may not be the code's style.
       */
      unenforced?: true;
    }
  | { kind: 'biome' | 'dprint'; evidence: string; dir: string }
  | { kind: 'none' };

const PRETTIER_CONFIGS = [
  '.prettierrc',
  '.prettierrc.json',
  '.prettierrc.json5',
  '.prettierrc.yaml',
  '.prettierrc.yml',
  '.prettierrc.toml',
  '.prettierrc.js',
  '.prettierrc.cjs',
  '.prettierrc.mjs',
  '.prettierrc.ts',
  '.prettierrc.cts',
  '.prettierrc.mts',
  'prettier.config.js',
  'prettier.config.cjs',
  'prettier.config.mjs',
  'prettier.config.ts',
  'prettier.config.cts',
  'prettier.config.mts',
];
const ESLINT_CONFIGS = [
  'eslint.config.js',
  'eslint.config.mjs',
  'eslint.config.cjs',
  'eslint.config.ts',
  'eslint.config.mts',
  'eslint.config.cts',
  '.eslintrc',
  '.eslintrc.js',
  '.eslintrc.cjs',
  '.eslintrc.json',
  '.eslintrc.yaml',
  '.eslintrc.yml',
];
const BIOME_CONFIGS = ['biome.json', 'biome.jsonc'];
const DPRINT_CONFIGS = ['dprint.json', '.dprint.json', 'dprint.jsonc', '.dprint.jsonc'];

const cache = new Map<string, DetectedFormatter>();

/** The formatter of the nearest directory (from `dir` up to the repository root) that shows one. */
export function detectFormatter(dir: string): DetectedFormatter {
  const cached = cache.get(dir);
  if (cached) return cached;
  const found = formatterIn(dir) ?? (isRepositoryRoot(dir) || dirname(dir) === dir ? { kind: 'none' as const } : detectFormatter(dirname(dir)));
  cache.set(dir, found);
  return found;
}

function formatterIn(dir: string): DetectedFormatter | undefined {
  const has = (name: string) => existsSync(join(dir, name));
  const prettierConfig = PRETTIER_CONFIGS.find(has);
  if (prettierConfig) return { kind: 'prettier', evidence: prettierConfig, dir };
  const biome = BIOME_CONFIGS.find(has);
  if (biome) return { kind: 'biome', evidence: biome, dir };
  const dprint = DPRINT_CONFIGS.find(has);
  if (dprint) return { kind: 'dprint', evidence: dprint, dir };
  const pkg = readJson(join(dir, 'package.json'));
  if (pkg?.prettier !== undefined) return { kind: 'prettier', evidence: 'package.json "prettier"', dir };
  const eslintConfig = ESLINT_CONFIGS.find((name) => has(name) && /prettier/.test(readText(join(dir, name))));
  if (eslintConfig) return { kind: 'prettier', evidence: `${eslintConfig} (prettier)`, dir, ...enforcedBy(readText(join(dir, eslintConfig))) };
  if (pkg?.eslintConfig !== undefined && /prettier/.test(JSON.stringify(pkg.eslintConfig))) {
    return { kind: 'prettier', evidence: 'package.json "eslintConfig" (prettier)', dir, ...enforcedBy(JSON.stringify(pkg.eslintConfig)) };
  }
  // A devDependency without a config: prettier's defaults (a runtime dependency may be a library use).
  if ('prettier' in asRecord(pkg?.devDependencies)) return { kind: 'prettier', evidence: 'package.json devDependencies (prettier, default options)', dir, unenforced: true };
  return undefined;
}

/** The nearest ESLint config (from `dir` up to the repository root): its file name, or `package.json "eslintConfig"`. */
export function findEslintConfig(dir: string): string | undefined {
  const config = ESLINT_CONFIGS.find((name) => existsSync(join(dir, name)));
  if (config) return config;
  if (readJson(join(dir, 'package.json'))?.eslintConfig !== undefined) return 'package.json "eslintConfig"';
  return isRepositoryRoot(dir) || dirname(dir) === dir ? undefined : findEslintConfig(dirname(dir));
}

const eslintConfigPaths = new Map<string, string | undefined>();

/** The path of the nearest ESLint config file (from `dir` up to the repository root). */
export function findEslintConfigPath(dir: string): string | undefined {
  if (eslintConfigPaths.has(dir)) return eslintConfigPaths.get(dir);
  const config = ESLINT_CONFIGS.find((name) => existsSync(join(dir, name)));
  const found = config ? join(dir, config) : isRepositoryRoot(dir) || dirname(dir) === dir ? undefined : findEslintConfigPath(dirname(dir));
  eslintConfigPaths.set(dir, found);
  return found;
}

/** An ESLint config that runs prettier as a rule enforces its output; eslint-config-prettier alone does not. */
function enforcedBy(eslintConfigText: string): { unenforced?: true } {
  return /eslint-plugin-prettier|prettier\/prettier|plugin:prettier/.test(eslintConfigText) ? {} : { unenforced: true };
}

function isRepositoryRoot(dir: string): boolean {
  return existsSync(join(dir, '.git'));
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function readJson(path: string): Record<string, unknown> | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const value: unknown = JSON.parse(readText(path));
    return asRecord(value);
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
