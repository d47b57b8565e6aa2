// The local names under which each file refers to the runtime's exports: `log`, `withTrace`,
// `traceId` — or `traceLog`, `traceLog2`, … when the file already declares that name
// somewhere (a local `log` would shadow the import). An existing import of the runtime module
// (a second run) is reused.
import { dirname, resolve } from 'node:path';
import { ts } from '../syntax/typescript.js';
import { walk } from '../syntax/function-likes.js';
import type { RuntimeExport } from '../runtime/runtime-options.js';

export interface ExistingRuntimeImport {
  statement: ts.Statement;
  /** export name → local name */
  names: Map<string, string>;
  /** ESM named imports (to add specifiers into) or CommonJS destructuring. */
  bindings?: ts.NamedImports | ts.ObjectBindingPattern;
}

export class RuntimeBindings {
  private readonly used = new Map<string, Map<RuntimeExport, string>>();
  private readonly declared = new Map<string, Set<string>>();
  private readonly existing = new Map<string, ExistingRuntimeImport | null>();

  constructor(private readonly runtimePathFor: (filePath: string) => string) {}

  name(file: ts.SourceFile, exported: RuntimeExport): string {
    const names = this.used.get(file.fileName) ?? new Map<RuntimeExport, string>();
    this.used.set(file.fileName, names);
    const known = names.get(exported);
    if (known) return known;
    const existing = this.existingImport(file)?.names.get(exported);
    const local = existing ?? this.freeName(file, exported);
    names.set(exported, local);
    return local;
  }

  /** Files and the names they use (in the runtime's export order). */
  usage(): Map<string, Map<RuntimeExport, string>> {
    return this.used;
  }

  existingImport(file: ts.SourceFile): ExistingRuntimeImport | undefined {
    if (!this.existing.has(file.fileName)) this.existing.set(file.fileName, findRuntimeImport(file, this.runtimePathFor(file.fileName)) ?? null);
    return this.existing.get(file.fileName) ?? undefined;
  }

  private freeName(file: ts.SourceFile, exported: RuntimeExport): string {
    const declared = this.declaredNames(file);
    const taken = new Set([...this.used.get(file.fileName)!.values()]);
    const base = exported === 'log' ? 'traceLog' : exported;
    for (let n = 0; ; n++) {
      const candidate = n === 0 ? exported : n === 1 ? base : `${base}${n}`;
      if (!declared.has(candidate) && !taken.has(candidate)) return candidate;
    }
  }

  private declaredNames(file: ts.SourceFile): Set<string> {
    let names = this.declared.get(file.fileName);
    if (!names) {
      names = new Set();
      const found = names;
      walk(file, (node) => {
        const name = (node as ts.NamedDeclaration).name;
        if (
          name &&
          ts.isIdentifier(name) &&
          (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node) || ts.isImportEqualsDeclaration(node) || ts.isEnumDeclaration(node) || ts.isFunctionExpression(node))
        ) {
          found.add(name.text);
        }
        return true;
      });
      this.declared.set(file.fileName, names);
    }
    return names;
  }
}

function findRuntimeImport(file: ts.SourceFile, runtimePath: string): ExistingRuntimeImport | undefined {
  const target = runtimePath.replace(/\.[cm]?[jt]sx?$/, '');
  const pointsToRuntime = (specifier: string) =>
    specifier.startsWith('.') && resolve(dirname(file.fileName), specifier).replace(/\.[cm]?[jt]sx?$/, '') === target;
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && pointsToRuntime(statement.moduleSpecifier.text)) {
      const bindings = statement.importClause?.namedBindings;
      const names = new Map<string, string>();
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) names.set((element.propertyName ?? element.name).text, element.name.text);
        return { statement, names, bindings };
      }
      return { statement, names };
    }
    if (ts.isVariableStatement(statement)) {
      const declaration = statement.declarationList.declarations[0];
      const init = declaration?.initializer;
      if (declaration && init && ts.isCallExpression(init) && init.expression.getText(file) === 'require' && init.arguments[0] && ts.isStringLiteral(init.arguments[0]) && pointsToRuntime(init.arguments[0].text)) {
        const names = new Map<string, string>();
        if (ts.isObjectBindingPattern(declaration.name)) {
          for (const element of declaration.name.elements) {
            if (ts.isIdentifier(element.name)) names.set(element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text, element.name.text);
          }
          return { statement, names, bindings: declaration.name };
        }
        return { statement, names };
      }
    }
  }
  return undefined;
}
