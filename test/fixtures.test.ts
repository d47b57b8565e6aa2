// Runs every fixture case through the real engine and compares the result byte for byte.
// Each case is also run a second time on its own output, which must change nothing.
// UPDATE_FIXTURES=1 writes the actual results into output/ and expected-findings.txt (read them before committing).
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defineConfig, migrate, type Config, type Report } from '../src/index.js';
import { isRuntimeModuleText } from '../src/plan/runtime-module.js';
import { argumentShifts } from './support/call-arity.js';
import { discoverFixtureCases, readTree, type FixtureCase } from './support/fixture-cases.js';

// Outside the repository (its .gitignore would hide the copies); node_modules is linked so cases
// resolve @types/node (and pino, winston) like a real project. One directory per process, so
// parallel runs (and worktrees with other dependencies) never share it.
const REPO_NODE_MODULES = new URL('../node_modules', import.meta.url).pathname;
const WORK_DIR = mkdtempSync(join(tmpdir(), 'trace-migrate-fixtures-'));
const UPDATE = process.env.UPDATE_FIXTURES === '1';

function findingLines(report: Report): string[] {
  return report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.kind} ${f.ruleId}: ${f.message}`);
}

/** The tree as the test compares it: the emitted runtime module only when the case expects it. */
function comparableTree(dir: string, expected?: Map<string, Buffer>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, bytes] of readTree(dir)) {
    const text = bytes.toString('utf8');
    if (isRuntimeModuleText(text.replace(/^\uFEFF/, '')) && !expected?.has(path)) continue;
    out.set(path, text);
  }
  return out;
}

async function runCase(testCase: FixtureCase, root: string): Promise<Report> {
  // Like `trace-migrate ./src`: the case's src/ when it has one, else the whole case.
  const defaultPaths = existsSync(join(testCase.inputDir, 'src')) ? ['src'] : ['.'];
  const paths = (testCase.options.paths ?? defaultPaths).map((p) => join(root, p));
  const config: Config = defineConfig({ ...(testCase.options.config as Partial<Config>), paths, cwd: root, force: true });
  return migrate(config);
}

describe('fixtures', () => {
  mkdirSync(WORK_DIR, { recursive: true });
  if (!existsSync(join(WORK_DIR, 'node_modules'))) symlinkSync(REPO_NODE_MODULES, join(WORK_DIR, 'node_modules'));
  afterAll(() => rmSync(WORK_DIR, { recursive: true, force: true }));

  for (const testCase of discoverFixtureCases()) {
    // A known-failing case keeps its hand-written expectation: UPDATE_FIXTURES leaves it alone, and
    // it.fails turns red once the engine passes it, so the marker is removed with the fix.
    const knownFailing = testCase.options.knownFailing !== undefined;
    if (UPDATE && knownFailing) continue;
    (knownFailing ? it.fails : it)(`${testCase.rule}/${testCase.name}`, async () => {
      const root = join(WORK_DIR, testCase.rule, testCase.name);
      rmSync(root, { recursive: true, force: true });
      mkdirSync(root, { recursive: true });
      cpSync(testCase.inputDir, root, { recursive: true });

      const report = await runCase(testCase, root);
      expect(report.outcome, findingLines(report).join('\n')).not.toBe('nothing-selected');
      // Decisions and edits agree: no call is left passing the id where a parameter was removed.
      expect(argumentShifts(testCase.inputDir, root), 'calls left with the old arity').toEqual([]);
      if (UPDATE) {
        const outDir = join(testCase.dir, 'output');
        rmSync(outDir, { recursive: true, force: true });
        const changed = report.summary.filesChanged > 0;
        if (changed) {
          for (const [path, text] of comparableTree(root)) {
            mkdirSync(join(outDir, path, '..'), { recursive: true });
            writeFileSync(join(outDir, path), text);
          }
        }
        const lines = findingLines(report);
        const findingsFile = join(testCase.dir, 'expected-findings.txt');
        if (lines.length > 0) writeFileSync(findingsFile, `${lines.join('\n')}\n`);
        else rmSync(findingsFile, { force: true });
        return;
      }

      const expected = readTree(testCase.outputDir ?? testCase.inputDir);
      const actual = comparableTree(root, expected);
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [path, bytes] of expected) expect(actual.get(path), path).toBe(bytes.toString('utf8'));
      expect(findingLines(report)).toEqual(testCase.expectedFindings);

      // Idempotent: a second run on the output changes nothing.
      const before = readTree(root);
      const second = await runCase(testCase, root);
      expect(second.summary.filesChanged, 'second run changed files').toBe(0);
      expect(readTree(root)).toEqual(before);
    });
  }
});
