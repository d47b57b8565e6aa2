// Which project files import which, read once from the original program: the type check uses it
// to check only files an edit can affect, and blame uses it to find the neighbours of an error.
// Dynamic `import()` and `require()` anywhere in a file count: a call through them breaks too.
import { ts } from '../syntax/typescript.js';

export class ImportGraph {
  private readonly importers = new Map<string, Set<string>>();
  private readonly imports = new Map<string, Set<string>>();
  /** Files that are global scripts: what they declare is visible to every file. */
  readonly scripts = new Set<string>();

  constructor(program: ts.Program) {
    const checker = program.getTypeChecker();
    for (const file of program.getSourceFiles()) {
      if (file.isDeclarationFile || file.fileName.includes('/node_modules/')) continue;
      if (!ts.isExternalModule(file) && !/\.[cm]?jsx?$/.test(file.fileName)) this.scripts.add(file.fileName);
      for (const specifier of moduleSpecifiers(file)) {
        const target = checker.getSymbolAtLocation(specifier)?.declarations?.[0]?.getSourceFile().fileName;
        if (!target || target === file.fileName) continue;
        link(this.importers, target, file.fileName);
        link(this.imports, file.fileName, target);
      }
    }
  }

  /** The files `file` imports and the files that import it. */
  neighboursOf(file: string): Set<string> {
    return new Set([...(this.imports.get(file) ?? []), ...(this.importers.get(file) ?? [])]);
  }

  /** `files` and every file that imports one of them, directly or through others. */
  importersClosure(files: Iterable<string>): Set<string> {
    return closure(files, (file) => this.importers.get(file));
  }

  /** `file` and every file connected to it by imports, either way. */
  component(file: string): Set<string> {
    return closure([file], (f) => this.neighboursOf(f));
  }
}

function link(map: Map<string, Set<string>>, from: string, to: string): void {
  let set = map.get(from);
  if (!set) map.set(from, (set = new Set()));
  set.add(to);
}

function closure(start: Iterable<string>, next: (file: string) => Iterable<string> | undefined): Set<string> {
  const found = new Set(start);
  const queue = [...found];
  while (queue.length > 0) {
    for (const other of next(queue.pop()!) ?? []) {
      if (!found.has(other)) {
        found.add(other);
        queue.push(other);
      }
    }
  }
  return found;
}

/** Module specifiers of a file's imports, re-exports, `import()` calls, `require()` calls and `import('x')` types. */
function moduleSpecifiers(file: ts.SourceFile): ts.StringLiteral[] {
  const out: ts.StringLiteral[] = [];
  for (const statement of file.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      out.push(statement.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference) && ts.isStringLiteral(statement.moduleReference.expression)) {
      out.push(statement.moduleReference.expression);
    }
  }
  // Only files that mention them are walked for nested ones.
  if (!file.text.includes('import(') && !file.text.includes('require(')) return out;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      const first = node.arguments[0];
      if (first && ts.isStringLiteral(first)) out.push(first);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      out.push(node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(file, visit);
  return out;
}
