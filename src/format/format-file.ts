// How the format stage lays out one changed file: by the project's prettier and config, or —
// without a formatter — in the file's own style (prettier driven by options read off the file).
// Only the changed lines are touched; a file that cannot be formatted safely is left as edited,
// with a note. Each file's answer depends on that file (and the files of its project) alone, so
// files can be formatted on any thread, in any order (format-pool.ts).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FileChange } from '../apply/write-changes.js';
import type { Formatting } from '../report/report.js';
import { detectFormatter, findEslintConfigPath, type DetectedFormatter } from './detect-formatter.js';
import { inlinePrettierOptions } from './eslint-prettier-options.js';
import { fileStyleOptions } from './file-style.js';
import { parseForLayout } from './layout-tokens.js';
import type { WrittenInPlace } from './lines-written-in-place.js';
import { loadPrettier, type LoadedPrettier, type PrettierOptions } from './load-prettier.js';
import { spliceAroundEdits } from './splice-around-edits.js';
import { spliceFormattedRegions } from './splice-formatted-regions.js';

export interface FormatNote {
  path: string;
  message: string;
}

/** A note the stage reports once, at the first file that has it (it is about the project, not the file). */
export interface FileNote extends FormatNote {
  once?: boolean;
}

/** What every file of one run is formatted with. Plain data (it goes to format-pool's worker). */
export interface FormatContext {
  cwd: string;
  /** A new file (the runtime module) follows the style of this edited file (the first one). */
  styleReference: Pick<FileChange, 'path' | 'before' | 'after'> | undefined;
  /** Each edited file's own style (fileStyleOptions), where the caller has it from a parse of its own. */
  ownStyles: ReadonlyMap<string, PrettierOptions>;
  /**
   * The lines the edits wrote, for files whose edits keep their layout (lines-written-in-place.ts):
   * without a formatter, such a file is left as edited when those lines fit the width.
   */
  writtenInPlace: ReadonlyMap<string, WrittenInPlace>;
}

export interface FileFormatted {
  /** The laid-out text; undefined: the file stays as edited (not formatted, ignored, or it failed). */
  after: string | undefined;
  /** The formatter that laid it out, when it did. */
  formatter?: { label: string; kind: Formatting['formatter'] };
  notes: FileNote[];
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

/** Lays out the files one after another (a batch of format-pool's, on whichever thread claimed it). */
export async function formatBatch(changes: readonly Pick<FileChange, 'path' | 'before' | 'after'>[], context: FormatContext): Promise<FileFormatted[]> {
  const results: FileFormatted[] = [];
  for (const change of changes) results.push(await formatFile(change, context));
  return results;
}

export async function formatFile(change: Pick<FileChange, 'path' | 'before' | 'after'>, context: FormatContext): Promise<FileFormatted> {
  const notes: FileNote[] = [];
  const formatter = await formatterFor(change, context, notes);
  if (!formatter) return { after: undefined, notes };
  if (formatter.kind === 'file-style' && change.before !== null && isLaidOutAsWritten(context.writtenInPlace.get(change.path), formatter.options, ownStyleOf(change, context.ownStyles))) {
    return { after: change.after, formatter: { label: formatter.label, kind: formatter.kind }, notes };
  }
  const after = await formatOne(change, formatter, notes);
  return { after, formatter: after === undefined ? undefined : { label: formatter.label, kind: formatter.kind }, notes };
}

async function formatterFor(change: Pick<FileChange, 'path' | 'before' | 'after'>, context: FormatContext, notes: FileNote[]): Promise<FileFormatter | undefined> {
  const { cwd, styleReference, ownStyles } = context;
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
      notes.push({ path: change.path, message, once: true });
    } else if (notDefaultStyle.length > 0 && inline.kind === 'none') {
      const message = `prettier has no config here and nothing checks its output (${detected.evidence}), and this file is not in its default style (${notDefaultStyle.join(', ')}): the changed lines follow the file's own style`;
      notes.push({ path: change.path, message, once: true });
    } else if (!configFile || !EXECUTABLE_CONFIG.test(configFile)) {
      // eslint-plugin-prettier's own options win over the prettier config, as when ESLint runs it.
      const resolved = (await prettier.api.resolveConfig(change.path, { editorconfig: true })) ?? {};
      const options = inline.kind === 'literal' ? { ...resolved, ...inline.options } : resolved;
      const evidence = inline.kind === 'literal' ? `${detected.evidence}, prettier/prettier options of ${eslintConfig!.split('/').pop()}` : detected.evidence;
      return { kind: 'prettier', label: `${version}, ${evidence}`, options, prettier };
    } else {
      notes.push({ path: change.path, message: `prettier's config ${configFile.split('/').pop()} is code, which trace-migrate does not run: the changed lines follow the file's own style instead; run prettier on them`, once: true });
    }
  } else if (detected.kind !== 'none') {
    notes.push({ path: change.path, message: notHandled(detected), once: true });
  }
  const editorconfig = pickKeys((await Promise.resolve().then(() => prettier.api.resolveConfig(change.path, { editorconfig: true })).catch(() => null)) ?? {}, EDITORCONFIG_KEYS);
  const reference = change.before !== null ? change : styleReference;
  const ownStyle = reference ? ownStyleOf(reference, ownStyles) : undefined;
  const options = ownStyle ? { ...ownStyle, ...editorconfig } : editorconfig;
  return { kind: 'file-style', label: Object.keys(editorconfig).length > 0 ? 'file style, .editorconfig' : 'file style', options, prettier };
}

async function formatOne(change: Pick<FileChange, 'path' | 'before' | 'after'>, formatter: FileFormatter, notes: FileNote[]): Promise<string | undefined> {
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
    const reasonOf = (e: unknown) => (e instanceof Error ? e.message.split('\n')[0] : String(e));
    // A file the project ships broken (`a ?? b || c`): say so, with its own line numbers, so no one blames the edits.
    const originalError = change.before === null ? undefined : await formatText(formatter, change.before, options).then(() => undefined, (e: unknown) => e);
    const message = originalError !== undefined ? `not formatted: the file does not parse as it stands, before any edit (${reasonOf(originalError)})` : `not formatted: prettier failed (${reasonOf(error)})`;
    notes.push({ path: change.path, message });
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

/**
 * Prettier would print the lines the edits wrote as they are: each fits the width, what it would
 * join does not, and the options are those the rules wrote in (the file's own indentation, spaced
 * braces, trailing commas, parenthesised arrow parameters; quotes and semicolons were checked with
 * the lines). Lines a wrap moved deeper keep their author's layout while they fit the width.
 */
function isLaidOutAsWritten(written: WrittenInPlace | undefined, options: PrettierOptions, ownStyle: PrettierOptions | undefined): boolean {
  if (!written || !ownStyle || options.useTabs !== ownStyle.useTabs || options.tabWidth !== ownStyle.tabWidth) return false;
  if (options.bracketSpacing === false || options.trailingComma === 'none') return false;
  if (options.arrowParens === 'avoid' && written.lines.some((line) => /\(\s*[\w$]+\s*\)\s*=>/.test(line))) return false;
  const width = typeof options.printWidth === 'number' ? options.printWidth : 80;
  const tabWidth = typeof options.tabWidth === 'number' ? options.tabWidth : 2;
  const columns = (line: string) => {
    let n = 0;
    for (const ch of line) n += ch === '\t' ? tabWidth : ch.charCodeAt(0) < 128 ? 1 : 2;
    return n;
  };
  const fits = (line: string) => columns(line) <= width;
  return written.lines.every(fits) && written.moved.every(fits) && written.joined.every((line) => !fits(line));
}

/** A file's own style, from the caller's parse when it has one. */
function ownStyleOf(change: Pick<FileChange, 'path' | 'before'>, ownStyles: ReadonlyMap<string, PrettierOptions>): PrettierOptions | undefined {
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
