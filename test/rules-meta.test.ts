// Every rule is complete by construction: its id is its file name, it has fixtures that change
// code and fixtures that must stay unchanged, and the README documents it.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/registry.js';
import { discoverFixtureCases, FIXTURES_DIR, NON_RULE_FIXTURES, STAGE_FIXTURES } from './support/fixture-cases.js';

const ROOT = new URL('../', import.meta.url).pathname;
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const cases = discoverFixtureCases();

describe('rule registry', () => {
  it('has unique ids', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });

  it('names no fixture folder that is not a rule', () => {
    const folders = readdirSync(FIXTURES_DIR).filter((f) => statSync(join(FIXTURES_DIR, f)).isDirectory() && !NON_RULE_FIXTURES.has(f) && !STAGE_FIXTURES.has(f));
    expect(folders.filter((f) => !RULES.some((r) => r.id === f))).toEqual([]);
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      it('lives in src/rules/<id>.ts', () => {
        expect(existsSync(join(ROOT, 'src', 'rules', `${rule.id}.ts`))).toBe(true);
      });
      it('has a fixture that changes code and one that must stay unchanged', () => {
        const own = cases.filter((c) => c.rule === rule.id);
        expect(own.filter((c) => c.outputDir).length, 'cases with output/').toBeGreaterThan(0);
        expect(own.filter((c) => !c.outputDir).length, 'cases without output/ (unchanged)').toBeGreaterThan(0);
      });
      it('has a README row', () => {
        expect(README).toContain(`| \`${rule.id}\` |`);
      });
    });
  }
});
