// Finds parameters whose names say they carry a request id, by parsing source text with TypeScript.
// Independent of the engine's own analysis, so the e2e test does not trust what it checks.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** `file:line: name` for every parameter (including destructured names and function types) named in `names`. */
export function traceParametersInSource(fileName: string, text: string, names: readonly string[]): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isParameter(node)) {
      for (const identifier of boundIdentifiers(node.name)) {
        if (names.includes(identifier.text)) {
          const { line } = source.getLineAndCharacterOfPosition(identifier.getStart(source));
          found.push(`${fileName}:${line + 1}: ${identifier.text}`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function boundIdentifiers(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((element) => (ts.isBindingElement(element) ? boundIdentifiers(element.name) : []));
}

/** The same for every .ts file under `dir`, paths relative to `dir`. */
export async function traceParametersInDir(dir: string, names: readonly string[]): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const found: string[] = [];
  for (const file of files) {
    const relativePath = relative(dir, file).split('\\').join('/');
    found.push(...traceParametersInSource(relativePath, await readFile(file, 'utf8'), names));
  }
  return found;
}
