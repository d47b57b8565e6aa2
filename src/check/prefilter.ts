// The --check prefilter: a plain text test that decides, before any parsing, which files cannot
// hold a finding. Kept apart from the scan so that the thread that runs it does not load TypeScript.
import type { ScanOptions } from './scan-file.js';

/**
 * False when the file cannot contain a finding, so it need not be parsed. A finding needs an
 * identifier named `console` or a trace parameter name, and an identifier's name is its text
 * unless it is spelt with a unicode escape (`req\u0049d`, `\u{63}onsole`): a file with a `\u`
 * anywhere is parsed.
 */
export function couldHaveMatches(text: string, options: Pick<ScanOptions, 'traceParamNames'>): boolean {
  if (text.includes('console') || text.includes('\\u')) return true;
  for (const name of options.traceParamNames) if (text.includes(name)) return true;
  return false;
}
