// The format stage, between the edits and the write (or the diff): what the tool wrote is laid
// out by the project's prettier and config, or — without a formatter — in the file's own style
// (prettier driven by options read off the file). Only the changed lines are touched; a file that
// cannot be formatted safely is written as edited, with a note.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FileChange } from '../apply/write-changes.js';
import type { Formatting } from '../report/report.js';
import { detectFormatter, findEslintConfigPath, type DetectedFormatter } from './detect-formatter.js';
import { inlinePrettierOptions } from './eslint-prettier-options.js';
import { fileStyleOptions } from './file-style.js';
import { parseForLayout } from './layout-tokens.js';
import { loadPrettier, type LoadedPrettier, type PrettierOptions } from './load-prettier.js';
import { spliceAroundEdits } from './splice-around-edits.js';
import { spliceFormattedRegions } from './splice-formatted-regions.js';

export interface FormatNote {
  path: string;
  message: string;
}

export interface FormattedChanges {
  changes: FileChange[];
  formatting: Formatting;
  notes: FormatNote[];
}

/** Options prettier reads from `.editorconfig`; in file-style mode nothing else of its config applies. */
const EDITORCONFIG_KEYS = ['useTabs', 'tabWidth', 'printWidth', 'endOfLine'];
/** Configs prettier would have to execute: the tool runs none of the project's code. */
const EXECUTABLE_CONFIG = /\.[cm]?[jt]s$/;

interface FileFormatter {
  /** How the report names it, e.g. `prettier 3.3.3 (the project's), .prettierrc.json`. */
  label: string;
  kind: Formatting['formatter'];
  options: PrettierOptions;
  prettier: LoadedPrettier;
}

/** `ownStyles`: each file's own style (fileStyleOptions), where the caller has it from a parse of its own. */
export async function formatChanges(changes: readonly FileChange[], cwd: string, ownStyles: ReadonlyMap<string, PrettierOptions> = new Map()): Promise<FormattedChanges> {
  const notes: FormatNote[] = [];
  const labels = new Set<string>();
  const kinds = new Set<Formatting['formatter']>();
  let filesFormatted = 0;
  const out: FileChange[] = [];
  // A new file (the runtime module) follows the style of an edited file next to it.
  const styleReference = changes.find((c) => c.before !== null);

  for (const change of changes) {
    const formatter = await formatterFor(change, styleReference, cwd, notes, ownStyles);
    if (!formatter) {
      out.push(change);
      continue;
    }
    const after = await formatOne(change, formatter, notes);
    if (after !== undefined) {
      filesFormatted++;
      labels.add(formatter.label);
      kinds.add(formatter.kind);
    }
    out.push(after === undefined ? change : { ...change, after });
  }
  const formatter = kinds.has('prettier') ? 'prettier' : kinds.has('file-style') ? 'file-style' : 'none';
  return { changes: out, formatting: { formatter, with: [...labels].sort(), filesFormatted }, notes };
}

async function formatterFor(
  change: FileChange,
  styleReference: FileChange | undefined,
  cwd: string,
  notes: FormatNote[],
  ownStyles: ReadonlyMap<string, PrettierOptions>,
): Promise<FileFormatter | undefined> {
  const dir = dirname(change.path);
  const detected = detectFormatter(dir);
  const prettier = await loadPrettier(detected.kind === 'none' ? projectDirOf(dir, cwd) : detected.dir);
  const version = `prettier ${prettier.api.version}${prettier.from === 'project' ? " (the project's)" : ''}`;
  if (detected.kind === 'prettier') {
    const info = await prettier.api.getFileInfo(change.path, { ignorePath: ignoreFileFor(dir, detected.dir) }).catch(() => undefined);
    if (info?.ignored) return undefined;
    const configFile = await prettier.api.resolveConfigFile(change.path);
    const reference = change.before !== null ? change : styleReference;
    const ownStyle = reference ? ownStyleOf(reference, ownStyles) : undefined;
    const notDefaultStyle = !configFile && detected.unenforced && ownStyle ? differencesFromDefaults(ownStyle) : [];
    const eslintConfig = findEslintConfigPath(dir);
    const inline = eslintConfig ? inlinePrettierOptions(eslintConfig) : { kind: 'none' as const };
    if (inline.kind === 'computed') {
      const message = `the options of the \`prettier/prettier\` rule in ${eslintConfig!.split('/').pop()} are computed, which trace-migrate does not run: the changed lines follow the file's own style instead; run prettier on them`;
      if (!notes.some((n) => n.message === message)) notes.push({ path: change.path, message });
    } else if (notDefaultStyle.length > 0 && inline.kind === 'none') {
      const message = `prettier has no config here and nothing checks its output (${detected.evidence}), and this file is not in its default style (${notDefaultStyle.join(', ')}): the changed lines follow the file's own style`;
      if (!notes.some((n) => n.message === message)) notes.push({ path: change.path, message });
    } else if (!configFile || !EXECUTABLE_CONFIG.test(configFile)) {
      // eslint-plugin-prettier's own options win over the prettier config, as when ESLint runs it.
      const resolved = (await prettier.api.resolveConfig(change.path, { editorconfig: true })) ?? {};
      const options = inline.kind === 'literal' ? { ...resolved, ...inline.options } : resolved;
      const evidence = inline.kind === 'literal' ? `${detected.evidence}, prettier/prettier options of ${eslintConfig!.split('/').pop()}` : detected.evidence;
      return { kind: 'prettier', label: `${version}, ${evidence}`, options, prettier };
    } else {
      notes.push({ path: change.path, message: `prettier's config ${configFile.split('/').pop()} is code, which trace-migrate does not run: the changed lines follow the file's own style instead; run prettier on them` });
    }
  } else if (detected.kind !== 'none') {
    if (!notes.some((n) => n.message === notHandled(detected))) notes.push({ path: change.path, message: notHandled(detected) });
  }
  const editorconfig = pickKeys((await Promise.resolve().then(() => prettier.api.resolveConfig(change.path, { editorconfig: true })).catch(() => null)) ?? {}, EDITORCONFIG_KEYS);
  const reference = change.before !== null ? change : styleReference;
  const ownStyle = reference ? ownStyleOf(reference, ownStyles) : undefined;
  const options = ownStyle ? { ...ownStyle, ...editorconfig } : editorconfig;
  return { kind: 'file-style', label: Object.keys(editorconfig).length > 0 ? 'file style, .editorconfig' : 'file style', options, prettier };
}

async function formatOne(change: FileChange, formatter: FileFormatter, notes: FormatNote[]): Promise<string | undefined> {
  const eol = (change.before ?? change.after).includes('\r\n') ? 'crlf' : 'lf';
  const options = { ...formatter.options, filepath: change.path, endOfLine: eol };
  try {
    const formattedEdited = await formatText(formatter, change.after, options);
    if (change.before === null) return formattedEdited;
    // Most files need only the edited text formatted; the original too only where the two layouts mix.
    const quick = spliceAroundEdits({ path: change.path, original: change.before, edited: change.after, formattedEdited });
    if (quick !== 'needs-original') return quick;
    const formattedOriginal = await formatText(formatter, change.before, options);
    const spliced = spliceFormattedRegions({ path: change.path, original: change.before, edited: change.after, formattedOriginal, formattedEdited });
    if (spliced === undefined && formattedEdited !== formattedOriginal) {
      notes.push({ path: change.path, message: 'the changed lines could not be matched to the formatted file: written as edited, not formatted' });
    }
    return spliced;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    notes.push({ path: change.path, message: `not formatted: prettier failed (${reason})` });
    return undefined;
  }
}

/**
 * In file-style mode nothing checks prettier's exact output, so TypeScript goes through babel-ts,
 * about twice as fast as prettier's typescript parser with the same layout; what babel cannot
 * parse falls back to the typescript parser. A project's own prettier keeps the project's parser.
 */
async function formatText(formatter: FileFormatter, text: string, options: PrettierOptions & { filepath: string }): Promise<string> {
  const api = formatter.prettier.api;
  if (formatter.kind !== 'file-style' || !/\.[cm]?tsx?$/.test(options.filepath)) return api.format(text, options);
  try {
    return await api.format(text, { ...options, parser: 'babel-ts' });
  } catch {
    return api.format(text, options);
  }
}

/** A file's own style, from the caller's parse when it has one. */
function ownStyleOf(change: FileChange, ownStyles: ReadonlyMap<string, PrettierOptions>): PrettierOptions | undefined {
  if (change.before === null) return undefined;
  return ownStyles.get(change.path) ?? fileStyleOptions(parseForLayout(change.path, change.before), {});
}

/** Where a file's own style departs from prettier's defaults, in the words of prettier's options. */
function differencesFromDefaults(own: PrettierOptions): string[] {
  const differences: string[] = [];
  if (own.singleQuote === true) differences.push('single quotes');
  if (own.semi === false) differences.push('no semicolons');
  if (own.useTabs === true) differences.push('tabs');
  else if (own.tabWidth !== undefined && own.tabWidth !== 2) differences.push(`indent ${own.tabWidth}`);
  return differences;
}

function notHandled(detected: DetectedFormatter & { kind: 'biome' | 'dprint' }): string {
  const command = detected.kind === 'biome' ? 'biome format --write' : 'dprint fmt';
  return `the project formats with ${detected.kind} (${detected.evidence}), which trace-migrate cannot run on changed lines only: they follow the file's own style; run \`${command}\` on the changed files`;
}

/** The directory whose node_modules a file's tools come from: the nearest package.json, else cwd. */
function projectDirOf(dir: string, cwd: string): string {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, 'package.json'))) return current;
    if (dirname(current) === current) return cwd;
  }
}

/** `.prettierignore` next to the config, else in a directory between the file and it. */
function ignoreFileFor(dir: string, configDir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const candidate = join(current, '.prettierignore');
    if (existsSync(candidate)) return candidate;
    if (current === configDir || dirname(current) === current) return undefined;
  }
}

function pickKeys(options: PrettierOptions, keys: readonly string[]): PrettierOptions {
  return Object.fromEntries(Object.entries(options).filter(([key]) => keys.includes(key)));
}
