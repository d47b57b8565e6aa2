// Business ids the scan can see across the declarations of one file, as the analysis sees them
// across the program: an id stays everywhere in a group of methods that must change together
// (an interface and its implementations, a method and its overrides) when one member keeps it,
// and a parameter that a caller in the file hands a local the caller uses as a key is that key.
import { ts } from '../syntax/typescript.js';
import { idUsesByName, isBusinessUse, type IsLogCall } from '../syntax/id-uses.js';
import { pushTo } from '../syntax/multimap.js';

export interface TraceParamRecord {
  param: ts.ParameterDeclaration;
  name: string;
  business: boolean;
}

/**
 * Marks `business` on records related to a business id; call after the whole file was walked.
 * `callsByName`: the file's calls of plain identifiers (`notify(…)`), by the name called.
 */
export function propagateBusinessIds(sourceFile: ts.SourceFile, records: readonly TraceParamRecord[], isLogCall: IsLogCall, callsByName: ReadonlyMap<string, readonly ts.CallExpression[]>): void {
  if (records.length === 0) return;
  const parentType = heritageRoots(sourceFile);
  const groups = new Map<string, TraceParamRecord[]>();
  for (const record of records) {
    const key = groupKey(record, parentType);
    if (key !== undefined) pushTo(groups, key, record);
  }
  for (const record of records) {
    const fn = record.param.parent;
    if (record.business || !ts.isFunctionDeclaration(fn) || !fn.name) continue;
    if (receivesBusinessLocal(callsByName.get(fn.name.text) ?? [], record, isLogCall)) record.business = true;
  }
  for (const members of groups.values()) {
    if (members.some((m) => m.business)) for (const member of members) member.business = true;
  }
}

/** Method name, parameter position and the root of its type's extends/implements chain in this file. */
function groupKey(record: TraceParamRecord, root: (name: string) => string): string | undefined {
  const method = record.param.parent;
  if (!(ts.isMethodDeclaration(method) || ts.isMethodSignature(method)) || !ts.isIdentifier(method.name)) return undefined;
  const container = method.parent;
  if (!(ts.isClassDeclaration(container) || ts.isInterfaceDeclaration(container)) || !container.name) return undefined;
  return `${root(container.name.text)}.${method.name.text}#${method.parameters.indexOf(record.param)}:${record.name}`;
}

/** Union-find over the file's classes and interfaces, linked by their `extends`/`implements` clauses. */
function heritageRoots(sourceFile: ts.SourceFile): (name: string) => string {
  const parent = new Map<string, string>();
  const root = (name: string): string => {
    let current = name;
    while (parent.has(current) && parent.get(current) !== current) current = parent.get(current)!;
    return current;
  };
  for (const statement of sourceFile.statements) {
    if (!(ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement)) || !statement.name) continue;
    for (const clause of statement.heritageClauses ?? []) {
      for (const type of clause.types) {
        if (ts.isIdentifier(type.expression)) parent.set(root(statement.name.text), root(type.expression.text));
      }
    }
  }
  return root;
}

/** One of the calls passes, at this parameter's position, a local its caller uses as a business id. */
function receivesBusinessLocal(calls: readonly ts.CallExpression[], record: TraceParamRecord, isLogCall: IsLogCall): boolean {
  if (!ts.isIdentifier(record.param.name)) return false;
  const index = (record.param.parent as ts.FunctionDeclaration).parameters.indexOf(record.param);
  return calls.some((call) => {
    const arg = call.arguments[index];
    if (!arg || !ts.isIdentifier(arg)) return false;
    const local = localDeclaration(arg);
    const scope = local && local.parent.parent.parent;
    return scope !== undefined && idUsesByName(arg.text, scope, isLogCall).some(isBusinessUse);
  });
}

/** The `const`/`let` in an enclosing block that declares `reference`, if any. */
function localDeclaration(reference: ts.Identifier): ts.VariableDeclaration | undefined {
  for (let scope: ts.Node | undefined = reference.parent; scope; scope = scope.parent) {
    if (!ts.isBlock(scope)) continue;
    for (const statement of scope.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      const declaration = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === reference.text);
      if (declaration) return declaration;
    }
  }
  return undefined;
}
