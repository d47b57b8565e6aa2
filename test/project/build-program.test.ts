import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineConfig } from '../../src/config/config.js';
import { buildProgram } from '../../src/project/build-program.js';
import { readSourceFile } from '../../src/project/read-source-file.js';
import type { SourceText } from '../../src/syntax/source-text.js';
import { makeTempDir, writeTree } from '../helpers/temp-dir.js';

function read(file: string): SourceText {
  const outcome = readSourceFile(file, 1_000_000);
  if (outcome.status !== 'read') throw new Error(`${file}: ${outcome.status}`);
  return outcome.source;
}

describe('buildProgram', () => {
  it('parses the text discovery read (BOM stripped), not the file on disk', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, {
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true }, include: ['src'] }),
      'src/a.ts': '\uFEFFexport const a = 1;\n',
      'src/b.ts': "import { a } from './a';\nexport const b: number = a;\n",
    });
    const a = read(path.join(dir, 'src/a.ts'));
    expect(a.bom).toBe(true);
    // Discovery's text is what the analysis and the edits' offsets refer to, even when the disk differs.
    const given: SourceText = { ...read(path.join(dir, 'src/b.ts')), text: "import { a } from './a';\nexport const b: string = a;\n" };
    const built = buildProgram(defineConfig({ paths: [path.join(dir, 'src')], cwd: dir }), [a, given]);
    expect(built.tsconfigPath).toBe(path.join(dir, 'tsconfig.json'));
    expect(built.program.getSourceFile(a.path)?.text).toBe('export const a = 1;\n');
    const b = built.program.getSourceFile(given.path)!;
    expect(b.text).toBe(given.text);
    // The program checks that text: `a` is a number, so the given `b: string` is an error.
    expect(built.program.getSemanticDiagnostics(b).map((d) => d.code)).toEqual([2322]);
  });

  it('never writes through the project', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'src/a.ts': 'export const a = 1;\n' });
    const built = buildProgram(defineConfig({ paths: [path.join(dir, 'src')], cwd: dir }), [read(path.join(dir, 'src/a.ts'))]);
    expect(() => built.project.getSourceFileOrThrow(path.join(dir, 'src/a.ts')).saveSync()).toThrow(/read-only/);
  });
});
