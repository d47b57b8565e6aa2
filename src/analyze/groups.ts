// Declarations that must change together: a function's overloads, an interface method and
// every implementation, a base method and its overrides, a function type and the functions
// typed by it. Their trace parameter goes from all of them or from none.
import { ts } from '../syntax/typescript.js';
import { isFunctionLike, referenceNameNode, shortText, walk, type FunctionLike } from '../syntax/function-likes.js';
import type { TraceNames } from './trace-names.js';
import { UnionFind } from './union-find.js';

/** Where a trace id sits in a parameter list: an argument index, or a property destructured from it. */
export interface SlotPosition {
  /** Argument index (the `this` parameter not counted). */
  index: number;
  /** Set for `{ userId, reqId }: Input`: the destructured property that carries the id. */
  property?: string;
}

export function positionKey(position: SlotPosition): string {
  return position.property === undefined ? String(position.index) : `${position.index}.${position.property}`;
}

export interface Group {
  id: number;
  members: FunctionLike[];
  /** Positions that hold a candidate trace parameter in at least one member. */
  slots: SlotPosition[];
}

export interface CandidateParam {
  param: ts.ParameterDeclaration;
  /** For a destructured candidate: the property name and its binding element. */
  property?: string;
  binding?: ts.BindingElement;
}

/** Index of the parameter list position as an argument index. */
export function argumentIndexOf(fn: FunctionLike, param: ts.ParameterDeclaration): number {
  const offset = fn.parameters[0] && ts.isIdentifier(fn.parameters[0].name) && fn.parameters[0].name.text === 'this' ? 1 : 0;
  return fn.parameters.indexOf(param) - offset;
}

/** A decorated parameter that holds the id a context already carries (see injected-params.ts). */
export type IsContextParam = (param: ts.ParameterDeclaration) => boolean;

export function candidateParams(fn: FunctionLike, names: TraceNames, isContextParam?: IsContextParam): CandidateParam[] {
  const out: CandidateParam[] = [];
  for (const param of fn.parameters) {
    // A decorated parameter is injected by a framework (`@Headers('x-request-id') requestId`):
    // no caller passes it, so it cannot go; it is where the id is born instead — unless it holds
    // the id a middleware already runs the request with.
    if (ts.canHaveDecorators(param) && ts.getDecorators(param)?.length && !isContextParam?.(param)) continue;
    if (ts.isIdentifier(param.name)) {
      if (names.isCandidateParam(param.name.text)) out.push({ param });
    } else if (ts.isObjectBindingPattern(param.name)) {
      for (const binding of param.name.elements) {
        const property = bindingPropertyName(binding);
        if (property && names.isCandidateParam(property)) out.push({ param, property, binding });
      }
    }
  }
  return out;
}

/** `reqId` for `{ reqId }` and `{ reqId: rid }`; undefined for rest elements and computed names. */
export function bindingPropertyName(binding: ts.BindingElement): string | undefined {
  if (binding.dotDotDotToken) return undefined;
  const key = binding.propertyName ?? binding.name;
  return ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : undefined;
}

/** Resolves a symbol to the function-like declarations behind it (through aliases and storage). */
export function functionLikesOfSymbol(checker: ts.TypeChecker, input: ts.Symbol | undefined, depth = 0): FunctionLike[] {
  if (!input || depth > 5) return [];
  const symbol = input.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(input) : input;
  const out: FunctionLike[] = [];
  for (const declaration of symbol.declarations ?? []) {
    if (isFunctionLike(declaration)) {
      out.push(declaration);
    } else if (
      (ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration)) &&
      declaration.initializer
    ) {
      const init = skipParens(declaration.initializer);
      if (isFunctionLike(init)) out.push(init);
      else if (ts.isIdentifier(init) && depth < 5) out.push(...functionLikesOfSymbol(checker, checker.getSymbolAtLocation(init), depth + 1));
    } else if (ts.isShorthandPropertyAssignment(declaration)) {
      out.push(...functionLikesOfSymbol(checker, checker.getShorthandAssignmentValueSymbol(declaration), depth + 1));
    } else if ((ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration)) && declaration.type) {
      const type = skipTypeParens(declaration.type);
      if (ts.isFunctionTypeNode(type)) out.push(type);
    } else if (ts.isPropertyAccessExpression(declaration) && ts.isBinaryExpression(declaration.parent)) {
      const init = skipParens(declaration.parent.right);
      if (isFunctionLike(init)) out.push(init);
      else if (ts.isIdentifier(init)) out.push(...functionLikesOfSymbol(checker, checker.getSymbolAtLocation(init), depth + 1));
    } else if (ts.isExportAssignment(declaration)) {
      const init = skipParens(declaration.expression);
      if (isFunctionLike(init)) out.push(init);
      else if (ts.isIdentifier(init)) out.push(...functionLikesOfSymbol(checker, checker.getSymbolAtLocation(init), depth + 1));
    }
  }
  return out;
}

function skipParens(expr: ts.Expression): ts.Node {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

function skipTypeParens(type: ts.TypeNode): ts.TypeNode {
  let t = type;
  while (ts.isParenthesizedTypeNode(t)) t = t.type;
  return t;
}

export function isProjectSource(node: ts.Node): boolean {
  const file = node.getSourceFile();
  return !file.isDeclarationFile && !file.fileName.includes('/node_modules/');
}

/**
 * Groups every candidate function-like with the declarations it must change with.
 * `externallyCalled` collects candidates that code outside the project calls (a callback for a
 * library), with why: they cannot change their parameter list on their own.
 */
export function buildGroups(
  checker: ts.TypeChecker,
  files: readonly ts.SourceFile[],
  names: TraceNames,
  /** Inline listeners of one event each: they receive the same emit arguments, so change together. */
  listenerSets: readonly FunctionLike[][] = [],
  isContextParam?: IsContextParam,
): { groups: Group[]; externallyCalled: Map<FunctionLike, string> } {
  const found = collectDeclarations(files, names, isContextParam);
  const uf = new UnionFind<FunctionLike>();
  for (const fn of found.candidates) uf.add(fn);
  unionRedeclarations(checker, found.candidates, uf);
  unionThroughHeritage(checker, found, uf);
  const listeners = unionListeners(listenerSets, uf);
  const externallyCalled = unionContextuallyTyped(checker, found, listeners, uf);
  return { groups: groupsOf(uf, names, isContextParam), externallyCalled };
}

/** What one walk over the files finds: the candidates, and where links between declarations may be. */
interface Declarations {
  /** Function-likes with a candidate trace parameter, in file order. */
  candidates: FunctionLike[];
  /** The names candidates can be referred by as members. */
  candidateMemberNames: Set<string>;
  heritageOwners: (ts.ClassLikeDeclaration | ts.InterfaceDeclaration)[];
  functionExpressions: (ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration)[];
  /** Candidate function types / call signatures: any function expression may be typed by them. */
  hasFunctionTypeCandidates: boolean;
}

function collectDeclarations(files: readonly ts.SourceFile[], names: TraceNames, isContextParam?: IsContextParam): Declarations {
  const found: Declarations = { candidates: [], candidateMemberNames: new Set(), heritageOwners: [], functionExpressions: [], hasFunctionTypeCandidates: false };
  for (const file of files) {
    walk(file, (node) => {
      if (isFunctionLike(node) && candidateParams(node, names, isContextParam).length > 0) {
        found.candidates.push(node);
        const nameNode = referenceNameNode(node);
        if (nameNode && (ts.isIdentifier(nameNode) || ts.isStringLiteral(nameNode))) found.candidateMemberNames.add(nameNode.text);
        if (ts.isFunctionTypeNode(node) || ts.isCallSignatureDeclaration(node)) found.hasFunctionTypeCandidates = true;
      }
      if ((ts.isClassLike(node) || ts.isInterfaceDeclaration(node)) && node.heritageClauses?.length) found.heritageOwners.push(node);
      if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || (ts.isMethodDeclaration(node) && ts.isObjectLiteralExpression(node.parent))) {
        found.functionExpressions.push(node);
      }
    });
  }
  return found;
}

/** Overloads and re-declarations share a symbol. */
function unionRedeclarations(checker: ts.TypeChecker, candidates: readonly FunctionLike[], uf: UnionFind<FunctionLike>): void {
  for (const fn of candidates) {
    const nameNode = referenceNameNode(fn);
    if (!nameNode) continue;
    for (const other of functionLikesOfSymbol(checker, checker.getSymbolAtLocation(nameNode))) {
      if (other !== fn && isProjectSource(other)) uf.union(fn, other);
    }
  }
}

/** Interface ↔ implementation, base ↔ override: members with a candidate's name, through heritage. */
function unionThroughHeritage(checker: ts.TypeChecker, found: Declarations, uf: UnionFind<FunctionLike>): void {
  for (const owner of found.heritageOwners) {
    for (const member of owner.members) {
      const nameNode = member.name;
      if (!nameNode || !(ts.isIdentifier(nameNode) || ts.isStringLiteral(nameNode)) || !found.candidateMemberNames.has(nameNode.text)) continue;
      const own = functionLikesOfMember(member);
      if (own.length === 0) continue;
      for (const clause of owner.heritageClauses ?? []) {
        for (const typeNode of clause.types) {
          const baseType = checker.getTypeAtLocation(typeNode);
          const property = baseType.getProperty(nameNode.text);
          for (const base of functionLikesOfSymbol(checker, property)) {
            // Every candidate is in `uf` from the start: a base outside it has no trace parameter.
            if (!uf.has(base)) continue;
            for (const fn of own) uf.union(base, fn);
          }
        }
      }
    }
  }
}

/** Listeners of one event, when any of them takes a trace parameter; returns every such listener. */
function unionListeners(listenerSets: readonly FunctionLike[][], uf: UnionFind<FunctionLike>): Set<FunctionLike> {
  const listeners = new Set<FunctionLike>();
  for (const set of listenerSets) {
    if (!set.some((fn) => uf.has(fn))) continue;
    for (const fn of set) {
      listeners.add(fn);
      uf.union(set[0]!, fn);
    }
  }
  return listeners;
}

/**
 * Function expressions and object-literal methods typed by a declared signature. Returns the
 * candidates that code outside the project calls, with why: typed by a library's signature, or
 * handed as an argument to a callee whose type says nothing (an untyped library, `any`).
 */
function unionContextuallyTyped(checker: ts.TypeChecker, found: Declarations, listeners: ReadonlySet<FunctionLike>, uf: UnionFind<FunctionLike>): Map<FunctionLike, string> {
  const externallyCalled = new Map<FunctionLike, string>();
  for (const fn of found.functionExpressions) {
    if (listeners.has(fn)) continue;
    const isCandidate = uf.has(fn);
    // Contextual typing is costly: ask only where a candidate signature can apply — function
    // types type any function expression; method signatures type members of object literals.
    if (!isCandidate && !found.hasFunctionTypeCandidates && !isObjectMemberNamed(fn, found.candidateMemberNames)) continue;
    // A generic parameter (`handler: H`, `H extends Handler`) is inferred from the function itself:
    // its own signature says nothing about who calls it.
    const declarations = contextualSignatureDeclarations(checker, fn).filter((declaration) => declaration !== fn);
    for (const declaration of declarations) {
      if (!isProjectSource(declaration)) {
        if (isCandidate) externallyCalled.set(fn, `a callback whose signature comes from ${libraryFile(declaration)}: library code calls it with the id`);
        continue;
      }
      if (isCandidate || uf.has(declaration)) uf.union(declaration, fn);
    }
    const callee = isCandidate && declarations.length === 0 ? calleeOfArgument(fn) : undefined;
    const calleeDeclarations = callee ? declarationsOfCallee(checker, callee) : [];
    if (callee && !calleeDeclarations.some(isProjectSource)) {
      const where = calleeDeclarations[0] ? `, declared in ${libraryFile(calleeDeclarations[0])}: library code calls it with the id` : ', whose type does not say how it calls it: that code passes the id';
      externallyCalled.set(fn, `a callback handed to \`${calleeText(callee)}(…)\`${where}`);
    }
  }
  return externallyCalled;
}

/** The callee when `fn` is written as an argument of a call (through parentheses). */
function calleeOfArgument(fn: ts.Node): ts.Expression | undefined {
  let node = fn;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const call = node.parent;
  if ((ts.isCallExpression(call) || ts.isNewExpression(call)) && call.arguments?.includes(node as ts.Expression)) return call.expression;
  return undefined;
}

/** Where the callee is declared (none when its type is unknown, as through `any`). */
function declarationsOfCallee(checker: ts.TypeChecker, callee: ts.Expression): ts.Declaration[] {
  const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  let symbol = checker.getSymbolAtLocation(nameNode);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  return symbol?.declarations ?? [];
}

function libraryFile(node: ts.Node): string {
  return node.getSourceFile().fileName.replace(/^.*\/node_modules\//, '');
}

/** The callee as a finding quotes it; a long receiver chain (`new Router({ … }).use(…).post`) by its method, which is what the reader looks for. */
function calleeText(callee: ts.Expression): string {
  const text = shortText(callee, 40);
  return text.endsWith('...') && ts.isPropertyAccessExpression(callee) ? `….${callee.name.text}` : text;
}

/** The linked declarations as groups, members in source order, with every candidate position. */
function groupsOf(uf: UnionFind<FunctionLike>, names: TraceNames, isContextParam?: IsContextParam): Group[] {
  const byRoot = new Map<FunctionLike, FunctionLike[]>();
  for (const fn of uf.keys()) {
    const root = uf.find(fn);
    const list = byRoot.get(root) ?? [];
    list.push(fn);
    byRoot.set(root, list);
  }
  const groups: Group[] = [];
  for (const members of byRoot.values()) {
    members.sort((a, b) => (a.getSourceFile().fileName.localeCompare(b.getSourceFile().fileName)) || a.pos - b.pos);
    const slots = new Map<string, SlotPosition>();
    for (const fn of members) {
      for (const candidate of candidateParams(fn, names, isContextParam)) {
        const position: SlotPosition = { index: argumentIndexOf(fn, candidate.param), property: candidate.property };
        slots.set(positionKey(position), position);
      }
    }
    const sorted = [...slots.values()].sort((a, b) => a.index - b.index || (a.property ?? '').localeCompare(b.property ?? ''));
    groups.push({ id: groups.length, members, slots: sorted });
  }
  return groups;
}

/** `{ get(…) {} }` or `{ get: (…) => … }` where `get` is the name of a candidate member. */
function isObjectMemberNamed(fn: ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration, names: ReadonlySet<string>): boolean {
  const member = ts.isMethodDeclaration(fn) ? fn : fn.parent;
  if (!member || !(ts.isMethodDeclaration(member) || ts.isPropertyAssignment(member)) || !ts.isObjectLiteralExpression(member.parent)) return false;
  const name = member.name;
  return (ts.isIdentifier(name) || ts.isStringLiteral(name)) && names.has(name.text);
}

function functionLikesOfMember(member: ts.ClassElement | ts.TypeElement): FunctionLike[] {
  if (isFunctionLike(member)) return [member];
  if ((ts.isPropertyDeclaration(member) || ts.isPropertySignature(member)) && member.type) {
    const type = skipTypeParens(member.type);
    if (ts.isFunctionTypeNode(type)) return [type];
  }
  if (ts.isPropertyDeclaration(member) && member.initializer) {
    const init = skipParens(member.initializer);
    if (isFunctionLike(init)) return [init];
  }
  return [];
}

/** Declarations of the signature a function expression / object method is checked against. */
function contextualSignatureDeclarations(
  checker: ts.TypeChecker,
  fn: ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration,
): FunctionLike[] {
  let type: ts.Type | undefined;
  if (ts.isMethodDeclaration(fn)) {
    const objectType = checker.getContextualType(fn.parent as ts.ObjectLiteralExpression);
    const name = fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name)) ? fn.name.text : undefined;
    const property = objectType && name ? objectType.getProperty(name) : undefined;
    return functionLikesOfSymbol(checker, property);
  }
  type = checker.getContextualType(fn);
  if (!type) return [];
  const out: FunctionLike[] = [];
  // A union (`Response | ((ctx) => Response)`, as routers type handlers) has no call signatures of
  // its own: the function members' signatures are the ones that type the function expression.
  for (const member of type.isUnion() ? type.types : [type]) {
    for (const signature of member.getCallSignatures()) {
      const declaration = signature.getDeclaration() as ts.Node | undefined;
      if (declaration && isFunctionLike(declaration)) out.push(declaration);
    }
  }
  return out;
}
