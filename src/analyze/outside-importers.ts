// Importers the program does not hold: files of the project that are neither under the given
// paths nor in tsconfig's files (tests in `test/` next to a tsconfig that includes `src` only,
// scripts, a JS project's other folders). Their calls cannot be updated, and a removed parameter
// would shift their arguments, so a group one of them imports keeps its parameters, with where.
import { ts } from '../syntax/typescript.js';
import { referenceNameNode } from '../syntax/function-likes.js';
import type { SourceText } from '../syntax/source-text.js';
import { pushTo } from '../syntax/multimap.js';
import type { Group } from './groups.js';
import { moduleImports, type References } from './references.js';

export function refuseOutsideImporters(
  outside: readonly SourceText[],
  options: ts.CompilerOptions,
  groups: readonly Group[],
  result: References,
  display: (path: string) => string,
): void {
  // Group members by file and the name they are imported by.
  const byFile = new Map<string, Map<string, Group[]>>();
  for (const group of groups) {
    for (const fn of group.members) {
      const nameNode = referenceNameNode(fn);
      if (!nameNode || !(ts.isIdentifier(nameNode) || ts.isStringLiteral(nameNode))) continue;
      const file = fn.getSourceFile().fileName;
      const names = byFile.get(file) ?? new Map<string, Group[]>();
      pushTo(names, nameNode.text, group);
      byFile.set(file, names);
    }
  }
  if (byFile.size === 0) return;
  const allNames = [...new Set([...byFile.values()].flatMap((names) => [...names.keys()]))];
  const refused = new Set<Group>();
  for (const source of outside) {
    if (!allNames.some((name) => source.text.includes(name))) continue;
    const file = ts.createSourceFile(source.path, source.text, ts.ScriptTarget.Latest, true);
    for (const { specifier, importedOf } of moduleLoads(file)) {
      const target = resolvedFile(specifier.text, source.path, options);
      const names = target ? byFile.get(target) : undefined;
      if (!names) continue;
      const imported = importedOf([...names.keys()]);
      for (const name of imported) {
        for (const group of names.get(name) ?? []) {
          if (refused.has(group)) continue;
          refused.add(group);
          const line = file.getLineAndCharacterOfPosition(specifier.getStart(file)).line + 1;
          result.refusals.push({
            group,
            node: group.members[0]!,
            reason: `\`${name}\` is imported by ${display(source.path)}:${line}, which is outside the files being migrated and the program, so its calls there would keep the old arguments (add it to the paths to migrate it too)`,
          });
        }
      }
    }
  }
}

interface ModuleLoad {
  specifier: ts.StringLiteralLike;
  /** Which of the module's member names the file may call through this load. */
  importedOf: (memberNames: readonly string[]) => readonly string[];
}

/**
 * The file's loads of a module: top-level imports and requires (by the names they import; a
 * whole-module one by the names the file mentions after a dot), and `require(…)` or `import(…)`
 * anywhere else (by every name the file mentions at all: a destructuring, a property, a call).
 */
function moduleLoads(file: ts.SourceFile): ModuleLoad[] {
  const mentioned = (pattern: (name: string) => string) => (memberNames: readonly string[]) =>
    memberNames.filter((name) => new RegExp(pattern(name.replace(/\$/g, '\\$'))).test(file.text));
  const afterDot = mentioned((name) => `\\.\\s*${name}(?![\\w$])`);
  const anywhere = mentioned((name) => `(?<![\\w$])${name}(?![\\w$])`);
  const loads: ModuleLoad[] = moduleImports(file).map(({ specifier, named, wholeModule }) => ({
    specifier,
    importedOf: (memberNames) => (wholeModule.length > 0 ? afterDot(memberNames) : named),
  }));
  const topLevel = new Set(loads.map((load) => load.specifier));
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      const argument = node.arguments[0];
      if (argument && ts.isStringLiteralLike(argument) && !topLevel.has(argument)) loads.push({ specifier: argument, importedOf: anywhere });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return loads;
}

/** Where the import leads, as the program would resolve it (in either module format when the file's own is unknown). */
function resolvedFile(specifier: string, from: string, options: ts.CompilerOptions): string | undefined {
  for (const mode of [undefined, ts.ModuleKind.ESNext, ts.ModuleKind.CommonJS] as const) {
    const resolved = ts.resolveModuleName(specifier, from, options, ts.sys, undefined, undefined, mode).resolvedModule?.resolvedFileName;
    if (resolved) return resolved;
  }
  return undefined;
}
