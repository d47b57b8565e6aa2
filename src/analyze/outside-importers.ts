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
  const allNames = new Set([...byFile.values()].flatMap((names) => [...names.keys()]));
  const refused = new Set<Group>();
  for (const source of outside) {
    if (![...allNames].some((name) => source.text.includes(name))) continue;
    const file = ts.createSourceFile(source.path, source.text, ts.ScriptTarget.Latest, true);
    for (const { specifier, named, wholeModule } of moduleImports(file)) {
      const target = resolvedFile(specifier.text, source.path, options);
      const names = target ? byFile.get(target) : undefined;
      if (!names) continue;
      // A whole-module import may call any member whose name the file mentions after a dot.
      const imported = wholeModule.length > 0 ? [...names.keys()].filter((name) => new RegExp(`\\.\\s*${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(source.text)) : named;
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

/** Where the import leads, as the program would resolve it (in either module format when the file's own is unknown). */
function resolvedFile(specifier: string, from: string, options: ts.CompilerOptions): string | undefined {
  for (const mode of [undefined, ts.ModuleKind.ESNext, ts.ModuleKind.CommonJS] as const) {
    const resolved = ts.resolveModuleName(specifier, from, options, ts.sys, undefined, undefined, mode).resolvedModule?.resolvedFileName;
    if (resolved) return resolved;
  }
  return undefined;
}
