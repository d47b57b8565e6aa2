// How a file imports things: ESM `import` or CommonJS `require`, and whether relative
// specifiers carry an extension — so added imports look like the ones already there.
import { dirname } from 'node:path';
import { ts } from './typescript.js';
import { packageTypeOf } from './package-json.js';

export { packageTypeOf };

export type ModuleSyntax = 'esm' | 'cjs';

export function isTypeScriptFile(path: string): boolean {
  return /\.(ts|tsx|mts|cts)$/.test(path) && !/\.d\.[cm]?ts$/.test(path);
}

export function importSyntaxOf(file: ts.SourceFile): ModuleSyntax {
  const path = file.fileName;
  if (isTypeScriptFile(path) || path.endsWith('.mjs')) return 'esm';
  if (path.endsWith('.cjs')) return 'cjs';
  const hasEsm = file.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s) || hasExportModifier(s));
  if (hasEsm) return 'esm';
  if (/\brequire\s*\(|\bmodule\.exports\b|\bexports\./.test(file.text)) return 'cjs';
  return packageTypeOf(dirname(path)) === 'module' ? 'esm' : 'cjs';
}

function hasExportModifier(statement: ts.Statement): boolean {
  return ts.canHaveModifiers(statement) && !!ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Whether the file's relative imports name an extension (`./x.js`), as Node's ESM resolution requires. */
export function relativeImportsUseExtensions(file: ts.SourceFile): boolean | undefined {
  let withExt = 0;
  let without = 0;
  for (const statement of file.statements) {
    let specifier: string | undefined;
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      specifier = statement.moduleSpecifier.text;
    } else if (ts.isVariableStatement(statement)) {
      const init = statement.declarationList.declarations[0]?.initializer;
      if (init && ts.isCallExpression(init) && init.expression.getText(file) === 'require' && init.arguments[0] && ts.isStringLiteral(init.arguments[0])) {
        specifier = init.arguments[0].text;
      }
    }
    if (!specifier || !specifier.startsWith('.')) continue;
    if (/\.[cm]?[jt]sx?$/.test(specifier)) withExt++;
    else without++;
  }
  if (withExt + without === 0) return undefined;
  return withExt >= without;
}
