// Parsed and bound declaration files (the standard lib, @types/node, packages' .d.ts), kept from
// one program to the next in the same process. They are most of a small project's parse and bind
// time (about 0.4 s per program with @types/node), and a library caller, a test runner or a long-
// lived process builds many programs over the same ones. TypeScript shares SourceFiles between
// programs the same way (the language service's document registry, `oldProgram`): a checker never
// changes a file's binding, it clones the symbols it merges.
//
// A file is reused only when its text is the same and it was created under the same settings: the
// compiler options that affect parsing and binding (the document registry's key for them), the
// language version, the module format and the JSDoc parsing mode.
import { ts } from '../syntax/typescript.js';

interface Entry {
  text: string;
  file: ts.SourceFile;
}

export interface ProgramDeclarationFiles {
  /** The declaration file `fileName` with `text`: reused from the last program, or parsed now. */
  get(fileName: string, text: string, createOptions: ts.CreateSourceFileOptions): ts.SourceFile;
  /** The program is built: keep the files it used (only those, so the cache never outgrows one program). */
  done(): void;
}

export class DeclarationFileCache {
  private kept = new Map<string, Entry>();
  private readonly settingsKeys = ts.createDocumentRegistry();

  forProgram(options: ts.CompilerOptions): ProgramDeclarationFiles {
    const settings = this.settingsKeys.getKeyForCompilationSettings(options);
    const used = new Map<string, Entry>();
    return {
      get: (fileName, text, createOptions) => {
        const key = [settings, createOptions.languageVersion, createOptions.impliedNodeFormat, createOptions.jsDocParsingMode, fileName].join('\0');
        const earlier = used.get(key) ?? this.kept.get(key);
        // Without parent pointers, as the other files (build-program.ts): the first program's binder sets them.
        const entry = earlier?.text === text ? earlier : { text, file: ts.createSourceFile(fileName, text, createOptions, false) };
        used.set(key, entry);
        return entry.file;
      },
      done: () => {
        this.kept = used;
      },
    };
  }
}

export function isDeclarationFileName(fileName: string): boolean {
  return /\.d\.([cm]?ts|[^/]+\.ts)$/.test(fileName);
}
