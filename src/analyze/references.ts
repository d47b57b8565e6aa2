// Every reference to a group member across the program, without findReferences (the known
// out-of-memory trap): one pass over identifiers whose text is a member's name (or an import
// alias of it), each resolved once with the checker. A reference is a call site we can update,
// an export, or a use the analysis cannot follow (which refuses the group).
import { ts } from '../syntax/typescript.js';
import { calleeName, referenceNameNode, skipOuterExpressions, unwrapExpression, walk, type FunctionLike } from '../syntax/function-likes.js';
import { functionLikesOfSymbol, type Group } from './groups.js';
import { UnlinkedReferences } from './unlinked-references.js';
import { pushTo } from '../syntax/multimap.js';

export interface CallSite {
  call: ts.CallExpression;
  group: Group;
  /** Argument index of slot 0 (1 for `emitter.emit('event', …)`, whose first argument is the event). */
  argOffset: number;
}

export interface Refusal {
  group: Group;
  node: ts.Node;
  reason: string;
}

export interface References {
  callSites: CallSite[];
  refusals: Refusal[];
  /** Groups with a member exported from its module (public API candidates). */
  exported: Set<Group>;
}

export function findReferences(
  checker: ts.TypeChecker,
  files: readonly ts.SourceFile[],
  groups: readonly Group[],
  isEditable: (file: ts.SourceFile) => boolean,
): References {
  const groupOf = new Map<FunctionLike, Group>();
  const names = new Set<string>();
  const ownNameNodes = new Set<ts.Node>();
  for (const group of groups) {
    for (const fn of group.members) {
      groupOf.set(fn, group);
      const nameNode = referenceNameNode(fn);
      if (nameNode && (ts.isIdentifier(nameNode) || ts.isStringLiteral(nameNode) || ts.isPrivateIdentifier(nameNode))) {
        names.add(nameNode.text);
        ownNameNodes.add(nameNode);
      }
    }
  }
  addImportAliases(files, names);

  const result: References = { callSites: [], refusals: [], exported: new Set() };
  refuseUnresolvedImports(checker, files, groups, result);
  const seenCalls = new Set<ts.CallExpression>();
  const unlinked = new UnlinkedReferences(checker, groups);
  const groupsOfSymbol = (symbol: ts.Symbol | undefined): Group[] => {
    const out = new Set<Group>();
    for (const fn of functionLikesOfSymbol(checker, symbol)) {
      const group = groupOf.get(fn);
      if (group) out.add(group);
    }
    return [...out];
  };

  for (const file of files) {
    const editable = isEditable(file);
    walk(file, (node) => {
      if (ts.isElementAccessExpression(node) && isDynamicCallee(node)) {
        refuseDynamicAccess(checker, node, groupOf, result);
        return true;
      }
      const isName =
        (ts.isIdentifier(node) || ts.isPrivateIdentifier(node) || (ts.isStringLiteral(node) && ts.isElementAccessExpression(node.parent) && node.parent.argumentExpression === node)) &&
        names.has(node.text);
      if (!isName || ownNameNodes.has(node)) return true;
      const symbol = ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node
        ? checker.getShorthandAssignmentValueSymbol(node.parent)
        : checker.getSymbolAtLocation(node);
      const referenced = groupsOfSymbol(symbol);
      if (referenced.length === 0) {
        const verdict = unlinked.judge(node, symbol);
        if (verdict.kind === 'linked') for (const group of verdict.groups) addCallSite(verdict.call, group, file, editable, result, seenCalls);
        else if (verdict.kind === 'unlinked') for (const group of verdict.groups) result.refusals.push({ group, node: verdict.node, reason: verdict.reason });
        return true;
      }
      for (const group of referenced) classifyReference(node, group, file, editable, result, seenCalls);
      return true;
    });
  }
  return result;
}

/**
 * An import the analysis cannot resolve (a bundler alias, a missing file) hides its call sites:
 * every group whose member it may bring in keeps its parameters, or those calls' arguments would
 * shift. Named imports name the member; default and namespace imports may bring any of them in,
 * judged by the property names used on them.
 */
function refuseUnresolvedImports(checker: ts.TypeChecker, files: readonly ts.SourceFile[], groups: readonly Group[], result: References): void {
  const groupsByName = new Map<string, Group[]>();
  for (const group of groups) {
    for (const fn of group.members) {
      const nameNode = referenceNameNode(fn);
      const name = nameNode && (ts.isIdentifier(nameNode) || ts.isStringLiteral(nameNode)) ? nameNode.text : undefined;
      const isDefault = ts.isFunctionDeclaration(fn) && !!fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      for (const key of [name, isDefault ? 'default' : undefined]) {
        if (key) pushTo(groupsByName, key, group);
      }
    }
  }
  if (groupsByName.size === 0) return;
  for (const file of files) {
    for (const { specifier, statement, named, wholeModule } of moduleImports(file)) {
      if (checker.getSymbolAtLocation(specifier)) continue; // resolved
      const mayCall = new Set(named);
      for (const local of wholeModule) {
        mayCall.add('default');
        for (const match of file.text.matchAll(new RegExp(`\\b${local}\\s*\\??\\.\\s*([A-Za-z_$][\\w$]*)`, 'g'))) mayCall.add(match[1]!);
      }
      for (const name of mayCall) {
        for (const group of groupsByName.get(name) ?? []) {
          const shown = name === 'default' ? 'its default export' : `\`${name}\``;
          result.refusals.push({ group, node: statement, reason: `${file.fileName} imports from '${specifier.text}', which the analysis cannot resolve, so it may call ${shown}` });
        }
      }
    }
  }
}

export interface ModuleImport {
  specifier: ts.StringLiteral;
  statement: ts.Node;
  /** Names imported by name (`import { a }`, `const { a } = require(…)`). */
  named: string[];
  /** Locals bound to the whole module (default, namespace, `const m = require(…)`). */
  wholeModule: string[];
}

/** The file's top-level imports, re-exports and `require`s of a module. */
export function moduleImports(file: ts.SourceFile): ModuleImport[] {
  const out: ModuleImport[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const named: string[] = [];
      const wholeModule: string[] = [];
      if (clause?.name) wholeModule.push(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) wholeModule.push(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) named.push((element.propertyName ?? element.name).text);
      out.push({ specifier: statement.moduleSpecifier, statement, named, wholeModule });
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      const named = statement.exportClause && ts.isNamedExports(statement.exportClause) ? statement.exportClause.elements.map((e) => (e.propertyName ?? e.name).text) : [];
      out.push({ specifier: statement.moduleSpecifier, statement, named, wholeModule: [] });
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (!init || !ts.isCallExpression(init) || calleeName(init.expression) !== 'require' || !init.arguments[0] || !ts.isStringLiteral(init.arguments[0])) continue;
        const named = ts.isObjectBindingPattern(declaration.name)
          ? declaration.name.elements.map((e) => (e.propertyName && ts.isIdentifier(e.propertyName) ? e.propertyName.text : ts.isIdentifier(e.name) ? e.name.text : '')).filter(Boolean)
          : [];
        const wholeModule = ts.isIdentifier(declaration.name) ? [declaration.name.text] : [];
        out.push({ specifier: init.arguments[0], statement, named, wholeModule });
      }
    }
  }
  return out;
}

/** `import { f as g }`, `export { f as g }`, `const { f: g } = require(…)`, default imports. */
function addImportAliases(files: readonly ts.SourceFile[], names: Set<string>): void {
  // One walk collects the renamings; the fixpoint then runs over them, not over the files again.
  const renamings: { from: string; to: string }[] = [];
  for (const file of files) {
    // Imports and exports live in top-level statements; require() and destructuring of
    // module objects (`const { f: g } = await import(…)`) may sit inside functions too.
    for (const statement of file.statements) {
      walk(statement, (node) => {
        if ((ts.isImportSpecifier(node) || ts.isExportSpecifier(node)) && node.propertyName) renamings.push({ from: node.propertyName.text, to: node.name.text });
        else if (ts.isImportClause(node) && node.name) names.add(node.name.text);
        else if (ts.isBindingElement(node) && node.propertyName && ts.isIdentifier(node.propertyName) && ts.isIdentifier(node.name)) renamings.push({ from: node.propertyName.text, to: node.name.text });
        else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isCallExpression(node.initializer) && calleeName(node.initializer.expression) === 'require') names.add(node.name.text);
        return true;
      });
    }
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const { from, to } of renamings) {
      if (names.has(from) && !names.has(to)) {
        names.add(to);
        grew = true;
      }
    }
  }
}

function classifyReference(
  node: ts.Node,
  group: Group,
  file: ts.SourceFile,
  editable: boolean,
  result: References,
  seenCalls: Set<ts.CallExpression>,
): void {
  const parent = node.parent;
  // Declarations and module plumbing: not uses.
  if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent)) return;
  if (ts.isExportSpecifier(parent) || ts.isExportAssignment(parent)) {
    result.exported.add(group);
    return;
  }
  if (ts.isTypeQueryNode(parent) || ts.isQualifiedName(parent)) return;
  if (isDeclarationName(node)) return;
  if (isModuleExportsValue(node)) {
    result.exported.add(group);
    return;
  }

  const expr = ts.isPropertyAccessExpression(parent) && parent.name === node ? parent : ts.isElementAccessExpression(parent) && parent.argumentExpression === node ? parent : node;
  const outer = skipOuterExpressions(expr);
  const user = outer.parent;
  if (user && ts.isCallExpression(user) && user.expression === outer) {
    addCallSite(user, group, file, editable, result, seenCalls);
    return;
  }
  if (user && ts.isPropertyAccessExpression(user) && user.expression === outer && ['call', 'apply', 'bind'].includes(user.name.text)) {
    result.refusals.push({ group, node: user, reason: `called through .${user.name.text}(), which the analysis does not follow` });
    return;
  }
  if (user && ts.isNewExpression(user)) {
    result.refusals.push({ group, node: user, reason: 'constructed with new' });
    return;
  }
  result.refusals.push({ group, node, reason: 'used as a value (passed, stored or returned), so callers the analysis cannot see may pass the id' });
}

/** A call of a group member: a call site to update, unless the plan could not update it. */
function addCallSite(call: ts.CallExpression, group: Group, file: ts.SourceFile, editable: boolean, result: References, seenCalls: Set<ts.CallExpression>): void {
  if (!editable) {
    result.refusals.push({ group, node: call, reason: `called from ${file.fileName}, which is not being migrated (outside the given paths or skipped)` });
    return;
  }
  const spread = call.arguments.findIndex((a) => ts.isSpreadElement(a));
  if (spread >= 0 && spread <= Math.max(...group.slots.map((slot) => slot.index))) {
    result.refusals.push({ group, node: call, reason: 'called with spread arguments, so the id argument cannot be located' });
    return;
  }
  if (!seenCalls.has(call)) {
    seenCalls.add(call);
    result.callSites.push({ call, group, argOffset: 0 });
  }
}

function isDeclarationName(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    ((ts.isFunctionDeclaration(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isMethodSignature(parent) ||
      ts.isPropertySignature(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isVariableDeclaration(parent) ||
      ts.isFunctionExpression(parent) ||
      ts.isBindingElement(parent) ||
      ts.isClassDeclaration(parent) ||
      ts.isInterfaceDeclaration(parent) ||
      ts.isTypeAliasDeclaration(parent) ||
      ts.isParameter(parent)) &&
      (parent as ts.NamedDeclaration).name === node) ||
    (ts.isBindingElement(parent) && parent.propertyName === node) ||
    // `exports.f = f`, `obj.f = function …`: writing the property declares it, it is not a use.
    (ts.isPropertyAccessExpression(parent) &&
      parent.name === node &&
      ts.isBinaryExpression(parent.parent) &&
      parent.parent.left === parent &&
      parent.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken)
  );
}

/** `module.exports = f`, `module.exports = { f }`, `exports.f = f`, `module.exports.f = f`. */
function isModuleExportsValue(node: ts.Node): boolean {
  let current: ts.Node = node;
  if (ts.isShorthandPropertyAssignment(current.parent) || (ts.isPropertyAssignment(current.parent) && current.parent.initializer === current)) {
    current = current.parent.parent; // the object literal
  }
  const parent = current.parent;
  if (!parent || !ts.isBinaryExpression(parent) || parent.right !== current || parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const left = parent.left.getText();
  return left === 'module.exports' || left.startsWith('module.exports.') || left.startsWith('exports.');
}

function isDynamicCallee(node: ts.ElementAccessExpression): boolean {
  const outer = skipOuterExpressions(node);
  const arg = unwrapExpression(node.argumentExpression);
  return ts.isCallExpression(outer.parent) && outer.parent.expression === outer && !ts.isStringLiteral(arg) && !ts.isNumericLiteral(arg);
}

/** `obj[name](…)`: any member of obj's type that is in a group may be the callee. */
function refuseDynamicAccess(
  checker: ts.TypeChecker,
  node: ts.ElementAccessExpression,
  groupOf: Map<FunctionLike, Group>,
  result: References,
): void {
  const type = checker.getTypeAtLocation(node.expression);
  for (const property of type.getProperties()) {
    for (const fn of functionLikesOfSymbol(checker, property)) {
      const group = groupOf.get(fn);
      if (group) result.refusals.push({ group, node, reason: 'may be called through a computed property access, which the analysis cannot follow' });
    }
  }
}

