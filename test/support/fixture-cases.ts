// Discovers fixture cases: fixtures/<rule>/<case>/{input,output}/ (+ case.json, expected-findings.txt).
// Adding a case is adding a folder; nothing here lists cases by hand.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const FIXTURES_DIR = new URL('../../fixtures/', import.meta.url).pathname;
/** Folders of fixtures/ that are not rule folders. */
export const NON_RULE_FIXTURES = new Set(['example-app']);
/** Folders of cases for a stage rather than a rule (formatting of every rule's output): run like rule cases. */
export const STAGE_FIXTURES = new Set(['formatting']);

export interface FixtureCase {
  rule: string;
  name: string;
  dir: string;
  inputDir: string;
  /** undefined: the input must come out unchanged. */
  outputDir?: string;
  /**
   * Config overrides (Config keys), `paths` relative to the case root (default: the whole input),
   * and `knownFailing`: why the engine does not produce the hand-written output yet (QA cases).
   */
  options: { config?: Record<string, unknown>; paths?: string[]; knownFailing?: string };
  /** Expected report findings, one per line: `file:line:col kind ruleId: message`. */
  expectedFindings: string[];
}

export function discoverFixtureCases(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const rule of readdirSync(FIXTURES_DIR).sort()) {
    if (NON_RULE_FIXTURES.has(rule) || !statSync(join(FIXTURES_DIR, rule)).isDirectory()) continue;
    for (const name of readdirSync(join(FIXTURES_DIR, rule)).sort()) {
      const dir = join(FIXTURES_DIR, rule, name);
      if (!statSync(dir).isDirectory()) continue;
      const outputDir = join(dir, 'output');
      const optionsFile = join(dir, 'case.json');
      const findingsFile = join(dir, 'expected-findings.txt');
      cases.push({
        rule,
        name,
        dir,
        inputDir: join(dir, 'input'),
        outputDir: existsSync(outputDir) ? outputDir : undefined,
        options: existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as FixtureCase['options']) : {},
        expectedFindings: existsSync(findingsFile) ? readFileSync(findingsFile, 'utf8').split('\n').filter((l) => l.trim() !== '') : [],
      });
    }
  }
  return cases;
}

/** Every file below `dir` (relative paths, forward slashes) → its bytes. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const visit = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile()) out.set(relative(dir, path).split('\\').join('/'), readFileSync(path));
    }
  };
  if (existsSync(dir)) visit(dir);
  return out;
}
