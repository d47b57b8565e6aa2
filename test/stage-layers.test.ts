// The stages form one pipeline: each imports the shared syntax layer and the stages before it,
// never a later one, and src/syntax/ imports no stage. Read from the import statements themselves,
// so a new cycle fails here instead of in a reader's head.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../src/', import.meta.url).pathname;

/**
 * Layers in pipeline order. `report` comes early because its data types (Finding, Report) and
 * formatters are what every stage produces into; it imports nothing. errors.ts, tool-info.ts and
 * collect-garbage.ts are leaves any layer may use; migrate.ts (the engine) and index.ts (the
 * library entry) sit on top.
 */
const LAYERS = ['syntax', 'report', 'config', 'runtime', 'project', 'analyze', 'rules', 'plan', 'verify', 'apply', 'format', 'check', 'migrate', 'cli', 'index'];
const LEAVES = new Set(['errors', 'tool-info', 'collect-garbage']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The layer of a file below src/: its folder, or its name for a top-level file. */
function layerOf(file: string): string {
  const [first] = relative(SRC, file).split('/');
  return first!.replace(/\.[jt]s$/, '');
}

/** Relative module specifiers of every import/export-from and dynamic import in `text`. */
export function importedSpecifiers(text: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"](\.[^'"]+)['"]|(?:^|[\s;])import\s*['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(pattern)) found.push((match[1] ?? match[2] ?? match[3])!);
  return found;
}

function violations(): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = layerOf(file);
    for (const specifier of importedSpecifiers(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(SRC)) continue;
      const to = layerOf(target);
      if (to === from || LEAVES.has(to)) continue;
      const fromRank = LAYERS.indexOf(from);
      const toRank = LAYERS.indexOf(to);
      const where = `src/${relative(SRC, file)} imports ${specifier}`;
      if (fromRank < 0 && !LEAVES.has(from)) out.push(`${where}: src/${from} is not in the layer list`);
      else if (LEAVES.has(from)) out.push(`${where}: ${from}.ts is a leaf and imports no layer`);
      else if (toRank < 0) out.push(`${where}: src/${to} is not in the layer list`);
      else if (from === 'syntax') out.push(`${where}: the syntax layer imports no stage`);
      else if (toRank > fromRank) out.push(`${where}: ${from} comes before ${to}`);
    }
  }
  return out;
}

describe('stage layers', () => {
  it('every stage imports only the syntax layer and earlier stages; src/syntax imports none', () => {
    expect(violations()).toEqual([]);
  });

  it('reads the import forms the rule is about', () => {
    const text = [
      "import { a } from '../plan/x.js';",
      "import type { B } from './b.js';",
      "export { c } from '../rules/c.js';",
      "import '../side-effect.js';",
      "const m = await import('../apply/m.js');",
      "import {\n  d,\n  e,\n} from '../analyze/d.js';",
      "const s = 'from \"./not-an-import.js\"';",
    ].join('\n');
    expect(importedSpecifiers(text)).toEqual(['../plan/x.js', './b.js', '../rules/c.js', '../side-effect.js', '../apply/m.js', '../analyze/d.js']);
  });
});
