// References the checker does not link to any declaration, judged by name. JavaScript's inference
// types `const redis = require('./redis')` as the class instance it exports, without the method
// assigned on it afterwards (`redisClient.acquireLock = async function (…)`); an untyped receiver
// is `any`. Such a call may reach a group member of the same name, and removing the member's
// parameter would shift the call's later arguments. So each is either linked — its receiver is
// provably the module object the member was assigned on or exported from (through require,
// import or import()) — or refuses the groups of that name, with the place it was found.
import { ts } from '../syntax/typescript.js';
import { isConstDeclaration } from '../syntax/declarations.js';
import { referenceNameNode, shortText, storageName, unwrapExpression, type FunctionLike } from '../syntax/function-likes.js';
import { functionLikesOfSymbol, isProjectSource, type Group } from './groups.js';

export type UnlinkedVerdict =
  /** Proven to target something else, or not a reference to a member at all. */
  | { kind: 'unrelated' }
  /** A call the analysis can link: `call` is a call site of each group. */
  | { kind: 'linked'; call: ts.CallExpression; groups: Group[] }
  /** A reference that may reach these groups but cannot be linked. */
  | { kind: 'unlinked'; node: ts.Node; groups: Group[]; reason: string };

/** Where a module object comes from: a project file, or code outside it (a package). */
type ModuleOrigin = { kind: 'project'; owners: Owner[] } | { kind: 'external' } | { kind: 'unknown' };
/** What a member can be assigned on: a variable (its symbol) or a module's exports (its file). */
type Owner = ts.Symbol | ts.SourceFile;

export class UnlinkedReferences {
  private readonly groupsByName = new Map<string, Group[]>();
  /** Members assigned on an object: owner → member name → groups (`obj.m = function …`, `exports.m = …`). */
  private readonly assigned = new Map<Owner, Map<string, Group[]>>();
  private readonly exportOwners = new Map<ts.SourceFile, Owner[]>();
  /** The module symbol of each project file reached through a module specifier. */
  private readonly moduleSymbols = new Map<ts.SourceFile, ts.Symbol>();

  constructor(
    private readonly checker: ts.TypeChecker,
    groups: readonly Group[],
  ) {
    for (const group of groups) {
      for (const fn of group.members) {
        const name = memberName(fn);
        if (name === undefined) continue;
        addTo(this.groupsByName, name, group);
        const owner = this.assignmentOwner(fn);
        if (owner) {
          const byName = this.assigned.get(owner) ?? new Map<string, Group[]>();
          addTo(byName, name, group);
          this.assigned.set(owner, byName);
        }
      }
    }
  }

  /**
   * Judges a name node whose symbol the checker did not link to any group member (`symbol` is
   * what the checker resolved, if anything).
   */
  judge(node: ts.Identifier | ts.StringLiteral | ts.PrivateIdentifier, symbol: ts.Symbol | undefined): UnlinkedVerdict {
    const unrelated: UnlinkedVerdict = { kind: 'unrelated' };
    if (ts.isPrivateIdentifier(node) || isPlumbing(node)) return unrelated;
    const access = memberAccessOf(node);
    const declaration = symbol?.declarations?.[0];
    // A local alias of an imported or destructured member: `const { acquireLock: lock } = require(…)`.
    const aliasOf = declaration && (ts.isBindingElement(declaration) || ts.isImportSpecifier(declaration)) && declaration.propertyName;
    const name = !access && aliasOf && (ts.isIdentifier(aliasOf) || ts.isStringLiteral(aliasOf)) ? aliasOf.text : node.text;
    const groups = this.groupsByName.get(name);
    if (!groups) return unrelated;
    if (symbol && functionLikesOfSymbol(this.checker, symbol).length > 0) return unrelated; // another function

    let origin: ModuleOrigin;
    if (access) {
      origin = this.originOf(access.receiver);
    } else {
      // `m`: a parameter or a local value is not the member (passing the member as a value is
      // refused where it happens); a name destructured or imported from a module may be.
      const source = declaration && this.sourceModuleOf(declaration);
      if (symbol && !source && !(symbol.flags & ts.SymbolFlags.Alias)) return unrelated;
      origin = source ?? { kind: 'unknown' };
    }
    if (origin.kind === 'external') return unrelated;

    const reference = access ? access.expression : node;
    const call = callOf(reference);
    const linked = origin.kind === 'project' ? this.linkedGroups(origin.owners, name) : [];
    if (linked.length > 0) {
      if (call) return { kind: 'linked', call, groups: linked };
      return { kind: 'unlinked', node: reference, groups: linked, reason: `used as a value (\`${shortText(reference)}\`), so callers the analysis cannot see may pass the id` };
    }
    // Not linked: a name the checker resolved and typed is something else's, unless typed `any`.
    if (symbol?.declarations?.length && !isAnyLike(this.checker.getTypeAtLocation(node))) return unrelated;
    const shown = call ? `\`${shortText(call.expression)}(…)\`` : `\`${shortText(reference)}\``;
    const why = access ? 'whose receiver the analysis cannot type' : 'which the analysis cannot link to a declaration';
    const consequence = call ? 'so removing the id would shift its later arguments' : 'so callers the analysis cannot see may pass the id';
    return { kind: 'unlinked', node: call ?? reference, groups, reason: `may be ${call ? 'called' : 'referenced'} by ${shown}, ${why}, ${consequence}` };
  }

  private linkedGroups(owners: readonly Owner[], name: string): Group[] {
    const out = new Set<Group>();
    for (const owner of owners) for (const group of this.assigned.get(owner)?.get(name) ?? []) out.add(group);
    for (const owner of owners) {
      if (!isFile(owner)) continue;
      // Members the module exports by name (ESM `export function m`, `module.exports = { m }`).
      const moduleSymbol = this.moduleSymbols.get(owner);
      const exported = moduleSymbol ? this.checker.getExportsOfModule(moduleSymbol).find((s) => s.name === name) : undefined;
      const declared = new Set(functionLikesOfSymbol(this.checker, exported));
      for (const group of this.groupsByName.get(name) ?? []) if (group.members.some((fn) => declared.has(fn))) out.add(group);
    }
    return [...out];
  }

  /** The objects `expr` provably is: a variable, a module's exports (through require/import/import()). */
  private originOf(input: ts.Expression): ModuleOrigin {
    const expr = skipAwait(input);
    const loaded = moduleSpecifierOf(expr);
    if (loaded) return this.moduleOrigin(loaded);
    if (isModuleExportsExpression(expr)) return { kind: 'project', owners: [expr.getSourceFile()] };
    if (!ts.isIdentifier(expr)) return { kind: 'unknown' };
    const symbol = this.checker.getSymbolAtLocation(expr);
    if (!symbol) return { kind: 'unknown' };
    const declaration = symbol.declarations?.[0];
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && isConstDeclaration(declaration)) {
      const origin = this.originOf(declaration.initializer);
      if (origin.kind !== 'unknown') return origin.kind === 'project' ? { kind: 'project', owners: [symbol, ...origin.owners] } : origin;
    }
    const imported = declaration && importedModuleOf(declaration);
    if (imported) return this.moduleOrigin(imported);
    return { kind: 'project', owners: [symbol] };
  }

  /** For a name destructured or imported from a module object, that object. */
  private sourceModuleOf(declaration: ts.Declaration): ModuleOrigin | undefined {
    if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent)) {
      const holder = declaration.parent.parent;
      return ts.isVariableDeclaration(holder) && holder.initializer ? this.originOf(holder.initializer) : undefined;
    }
    if (ts.isImportSpecifier(declaration)) {
      const specifier = declaration.parent.parent.parent.moduleSpecifier;
      return ts.isStringLiteralLike(specifier) ? this.moduleOrigin(specifier) : undefined;
    }
    return undefined;
  }

  private moduleOrigin(specifier: ts.StringLiteralLike): ModuleOrigin {
    const moduleSymbol = this.checker.getSymbolAtLocation(specifier);
    const target = moduleSymbol?.valueDeclaration;
    if (moduleSymbol && target && ts.isSourceFile(target)) {
      if (!isProjectSource(target)) return { kind: 'external' };
      this.moduleSymbols.set(target, moduleSymbol);
      return { kind: 'project', owners: [target, ...this.exportedObjects(target)] };
    }
    // Unresolved: a bundler alias (`@/lib/…`) looks like a package name, so nothing is proven.
    return { kind: 'unknown' };
  }

  /** `module.exports = X` / `export default X` / `export = X`: X's symbol is the module object. */
  private exportedObjects(file: ts.SourceFile): Owner[] {
    const cached = this.exportOwners.get(file);
    if (cached) return cached;
    const out: Owner[] = [];
    for (const statement of file.statements) {
      let value: ts.Expression | undefined;
      if (ts.isExportAssignment(statement)) value = statement.expression;
      else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && isModuleExportsExpression(statement.expression.left)) {
        value = statement.expression.right;
      }
      const target = value && unwrapExpression(value);
      const symbol = target && ts.isIdentifier(target) ? this.checker.getSymbolAtLocation(target) : undefined;
      if (symbol) out.push(symbol);
    }
    this.exportOwners.set(file, out);
    return out;
  }

  /** The object a function expression is assigned on: `obj.m = function …` → obj; `exports.m = …` → the module. */
  private assignmentOwner(fn: FunctionLike): Owner | undefined {
    if (!ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return undefined;
    const name = storageName(fn);
    const target = name?.parent;
    if (!target || !ts.isPropertyAccessExpression(target)) return undefined;
    const object = unwrapExpression(target.expression);
    if (isModuleExportsExpression(object)) return fn.getSourceFile();
    return ts.isIdentifier(object) ? this.checker.getSymbolAtLocation(object) : undefined;
  }
}

function isFile(owner: Owner): owner is ts.SourceFile {
  return 'statements' in owner;
}

function addTo(map: Map<string, Group[]>, key: string, group: Group): void {
  const list = map.get(key) ?? [];
  if (!list.includes(group)) list.push(group);
  map.set(key, list);
}

function memberName(fn: FunctionLike): string | undefined {
  const node = referenceNameNode(fn);
  return node && (ts.isIdentifier(node) || ts.isStringLiteral(node)) ? node.text : undefined;
}

/** `receiver.name` or `receiver['name']`, with the whole access expression. */
function memberAccessOf(node: ts.Node): { receiver: ts.Expression; expression: ts.Expression } | undefined {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return { receiver: parent.expression, expression: parent };
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) return { receiver: parent.expression, expression: parent };
  return undefined;
}

/** Names that declare, import, export or type something rather than use a value. */
function isPlumbing(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isExportSpecifier(parent)) return true;
  if (ts.isTypeQueryNode(parent) || ts.isQualifiedName(parent) || ts.isTypeReferenceNode(parent)) return true;
  if (ts.isBindingElement(parent) && (parent.name === node || parent.propertyName === node)) return true;
  const declared = parent as ts.NamedDeclaration;
  if (declared.name === node && !ts.isPropertyAccessExpression(parent) && !ts.isShorthandPropertyAssignment(parent)) return true;
  // `obj.m = …` writes the property: it declares a value rather than calling one.
  const access = memberAccessOf(node)?.expression;
  return !!access && ts.isBinaryExpression(access.parent) && access.parent.left === access && access.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

function callOf(reference: ts.Node): ts.CallExpression | undefined {
  let outer = reference;
  while (outer.parent && (ts.isParenthesizedExpression(outer.parent) || ts.isNonNullExpression(outer.parent) || ts.isAsExpression(outer.parent))) outer = outer.parent;
  const parent = outer.parent;
  return parent && ts.isCallExpression(parent) && parent.expression === outer ? parent : undefined;
}

function isAnyLike(type: ts.Type): boolean {
  return (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;
}

function skipAwait(input: ts.Expression): ts.Expression {
  let expr = unwrapExpression(input);
  while (ts.isAwaitExpression(expr)) expr = unwrapExpression(expr.expression);
  return expr;
}

/** `require('x')` or `import('x')`. */
function moduleSpecifierOf(expr: ts.Expression): ts.StringLiteralLike | undefined {
  if (!ts.isCallExpression(expr)) return undefined;
  const isLoad = expr.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(expr.expression) && expr.expression.text === 'require');
  const first = expr.arguments[0];
  return isLoad && first && ts.isStringLiteralLike(first) ? first : undefined;
}

function isModuleExportsExpression(expr: ts.Expression): boolean {
  const e = unwrapExpression(expr);
  if (ts.isIdentifier(e)) return e.text === 'exports';
  return ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports';
}

/** The module a default or namespace import binds. */
function importedModuleOf(declaration: ts.Declaration): ts.StringLiteralLike | undefined {
  const importDeclaration = ts.isImportClause(declaration) ? declaration.parent : ts.isNamespaceImport(declaration) ? declaration.parent.parent : undefined;
  return importDeclaration && ts.isStringLiteralLike(importDeclaration.moduleSpecifier) ? importDeclaration.moduleSpecifier : undefined;
}

