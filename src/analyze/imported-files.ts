// The files a module imports, directly or through the modules it imports (a few levels deep): what
// a test exercises, so its assertions are matched only with log calls it can reach.
import { ts } from '../syntax/typescript.js';

const MAX_DEPTH = 4;

export function importedFiles(file: ts.SourceFile, checker: ts.TypeChecker): Set<string> {
  const seen = new Set<string>();
  let frontier = [file];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next: ts.SourceFile[] = [];
    for (const current of frontier) {
      for (const imported of directImports(current, checker)) {
        if (seen.has(imported.fileName) || imported.isDeclarationFile) continue;
        seen.add(imported.fileName);
        next.push(imported);
      }
    }
    frontier = next;
  }
  return seen;
}

/** `import … from`, `export … from`, `require(…)`, `import(…)`, `vi.mock('…')`/`jest.mock('…')` targets. */
function directImports(file: ts.SourceFile, checker: ts.TypeChecker): ts.SourceFile[] {
  const specifiers: ts.Expression[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) specifiers.push(node.moduleSpecifier);
    else if (ts.isCallExpression(node) && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      const callee = node.expression.getText(file);
      if (callee === 'require' || node.expression.kind === ts.SyntaxKind.ImportKeyword) specifiers.push(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  const out: ts.SourceFile[] = [];
  for (const specifier of specifiers) {
    const declaration = checker.getSymbolAtLocation(specifier)?.valueDeclaration;
    if (declaration && ts.isSourceFile(declaration)) out.push(declaration);
  }
  return out;
}
