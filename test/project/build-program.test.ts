import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
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

  it('never writes: nothing is emitted, whatever the tsconfig says', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, {
      'tsconfig.json': JSON.stringify({ compilerOptions: { outDir: 'out', declaration: true }, include: ['src'] }),
      'src/a.ts': 'export const a = 1;\n',
    });
    const built = buildProgram(defineConfig({ paths: [path.join(dir, 'src')], cwd: dir }), [read(path.join(dir, 'src/a.ts'))]);
    expect(built.options.noEmit).toBe(true);
    built.program.emit();
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('reuses the parsed declaration files of the last program, unless their text changed', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, {
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, include: ['src', 'types'] }),
      'src/a.ts': 'export const a: Shared = { id: 1 };\n',
      'types/shared.d.ts': 'interface Shared { id: number }\n',
    });
    const config = defineConfig({ paths: [path.join(dir, 'src')], cwd: dir });
    const build = () => buildProgram(config, [read(path.join(dir, 'src/a.ts'))]);
    const declarationsOf = (program: ts.Program) => program.getSourceFiles().filter((f) => f.isDeclarationFile);
    const first = build();
    const second = build();
    const shared = path.join(dir, 'types/shared.d.ts');
    expect(declarationsOf(first.program).length).toBeGreaterThan(1);
    // The standard lib and the project's .d.ts: the same parsed files (binding included).
    for (const file of declarationsOf(first.program)) expect(second.program.getSourceFile(file.fileName), file.fileName).toBe(file);
    // The discovered file is parsed from discovery's text each time.
    expect(second.program.getSourceFile(path.join(dir, 'src/a.ts'))).not.toBe(first.program.getSourceFile(path.join(dir, 'src/a.ts')));
    expect(second.program.getSemanticDiagnostics()).toEqual([]);

    // A declaration file edited on disk is parsed again, and the program checks the new text.
    writeFileSync(shared, 'interface Shared { id: string }\n');
    const third = build();
    expect(third.program.getSourceFile(shared)).not.toBe(first.program.getSourceFile(shared));
    expect(third.program.getSourceFile(shared)?.text).toBe('interface Shared { id: string }\n');
    expect(third.program.getSemanticDiagnostics().map((d) => d.code)).toEqual([2322]);
  });

  it('parses declaration files again under options that change how they parse or bind', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'src/a.ts': 'export const a = 1;\n', 'types/g.d.ts': 'declare const g: number;\n' });
    const build = (tsconfig: object) => {
      writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ include: ['src', 'types'], ...tsconfig }));
      return buildProgram(defineConfig({ paths: [path.join(dir, 'src')], cwd: dir }), [read(path.join(dir, 'src/a.ts'))]);
    };
    const g = path.join(dir, 'types/g.d.ts');
    const es2017 = build({ compilerOptions: { target: 'es2017' } });
    const es2022 = build({ compilerOptions: { target: 'es2022' } });
    expect(es2022.program.getSourceFile(g)).not.toBe(es2017.program.getSourceFile(g));
    expect(build({ compilerOptions: { target: 'es2022' } }).program.getSourceFile(g)).toBe(es2022.program.getSourceFile(g));
  });
});
