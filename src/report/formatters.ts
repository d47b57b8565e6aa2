// The registry of report formats. Adding a format = adding a format-<name>.ts file and one line here.
import type { Formatter, FormatContext } from './format-context.js';
import { formatGithub } from './format-github.js';
import { formatJson } from './format-json.js';
import { formatMarkdown } from './format-markdown.js';
import { formatSarif } from './format-sarif.js';
import { formatText } from './format-text.js';
import type { Report } from './report.js';

export const FORMATTERS = {
  text: formatText,
  json: formatJson,
  markdown: formatMarkdown,
  github: formatGithub,
  sarif: formatSarif,
} as const satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;
export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATTERS, name);
}

export function formatReport(report: Report, format: FormatName, ctx: FormatContext): string {
  return FORMATTERS[format](report, ctx);
}

export type { Formatter, FormatContext };
