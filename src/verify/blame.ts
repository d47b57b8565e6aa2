// Which units a new type error is charged to, as a ladder of scopes from the smallest up: the
// rewrites at the error, the declarations the erroneous code refers to, the statement and the
// function around it,
// its file, the files it imports or that import it, and last every file connected to it by
// imports. Verification refuses the smallest scope that holds units not refused yet, and climbs
// a step each time the same error comes back — so an error is never charged to the whole run.
import { ts } from '../syntax/typescript.js';
import type { Facts } from '../analyze/facts.js';
import type { Plan } from '../plan/build-plan.js';
import { distinctUnits, type EditUnit } from '../syntax/edit-unit.js';
import type { FileEdits } from '../syntax/file-edits.js';
import { mapEditedOffsetToOriginal } from '../syntax/text-edit.js';
import type { ImportGraph } from './import-graph.js';
import type { NewTypeError } from './type-check.js';

export const BLAME_SCOPES = ['edit', 'declaration', 'statement', 'function', 'file', 'neighbours', 'connected'] as const;
export type BlameScope = (typeof BLAME_SCOPES)[number];

export interface BlameContext {
  plan: Plan;
  facts: Facts;
  /** The edited program the error comes from. */
  edited: ts.Program;
  imports: ImportGraph;
}

/** The units of one scope of the ladder (possibly none). */
export function unitsInScope(scope: BlameScope, error: NewTypeError, context: BlameContext): EditUnit[] {
  switch (scope) {
    case 'edit':
      return unitsAtError(error, context.plan);
    case 'declaration':
      return unitsOfReferencedDeclarations(error, context);
    case 'statement':
      return unitsAround(error, context, isStatement);
    case 'function':
      return unitsAround(error, context, (node) => ts.isFunctionLike(node) || ts.isClassLike(node));
    case 'file':
      return unitsInFiles([error.file], context.plan);
    case 'neighbours':
      return unitsInFiles(context.imports.neighboursOf(error.file), context.plan);
    case 'connected':
      return unitsInFiles(context.imports.component(error.file), context.plan);
  }
}

/**
 * Units whose edits contain the error. When a log or logger rewrite is among them, only those: a
 * rewrite covering a parameter's edits inherits their units, but the error is in its own text.
 */
function unitsAtError(error: NewTypeError, plan: Plan): EditUnit[] {
  const edits = plan.files.get(error.file);
  if (!edits) return [];
  const original = mapEditedOffsetToOriginal(edits.all, error.start);
  const units = distinctUnits(edits.all.filter((e) => e.start <= original && original <= e.end).flatMap((e) => e.owners));
  const rewrites = units.filter((unit) => unit.kind === 'log' || unit.kind === 'logger');
  return rewrites.length > 0 ? rewrites : units;
}

/**
 * Units with edits in the declarations the code at the error refers to (in the edited program):
 * `f(a, b)` that now passes one argument too many is charged to the group that removed `f`'s
 * parameter, even when the analysis never saw that call.
 */
function unitsOfReferencedDeclarations(error: NewTypeError, { plan, edited }: BlameContext): EditUnit[] {
  const file = edited.getSourceFile(error.file);
  if (!file) return [];
  const checker = edited.getTypeChecker();
  const declarations: ts.Node[] = [];
  for (let node: ts.Node | undefined = tokenAt(file, error.start); node && !ts.isSourceFile(node) && !isStatementBoundary(node); node = node.parent) {
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) declarations.push(...(checker.getSymbolAtLocation(node)?.declarations ?? []));
    if (ts.isCallLikeExpression(node)) {
      const signature = checker.getResolvedSignature(node);
      if (signature?.declaration) declarations.push(signature.declaration);
      break;
    }
  }
  const units: EditUnit[] = [];
  for (const declaration of declarations) {
    const edits = plan.files.get(declaration.getSourceFile().fileName);
    if (!edits) continue;
    // A function's signature, not its body: a log rewrite inside it has nothing to do with its callers.
    const fn = functionAround(declaration);
    const [start, end] = fn ? [fn.pos, 'body' in fn && fn.body ? (fn.body as ts.Node).pos : fn.end] : [declaration.pos, declaration.end];
    units.push(...edits.ownersWithin(toOriginal(edits, start), toOriginal(edits, end)));
  }
  return distinctUnits(units);
}

/** Units with edits in the innermost node around the error that is a `scope` (a statement, a function). */
function unitsAround(error: NewTypeError, { plan, facts }: BlameContext, isScope: (node: ts.Node) => boolean): EditUnit[] {
  const edits = plan.files.get(error.file);
  const sourceFile = facts.editable.get(error.file)?.sourceFile;
  if (!edits || !sourceFile) return [];
  let scope = tokenAt(sourceFile, mapEditedOffsetToOriginal(edits.all, error.start));
  while (scope && !ts.isSourceFile(scope) && !isScope(scope)) scope = scope.parent;
  return scope && !ts.isSourceFile(scope) ? edits.ownersWithin(scope.pos, scope.end) : [];
}

/** A statement in a list of statements (a block, a file, a case clause). */
function isStatement(node: ts.Node): boolean {
  const parent = node.parent;
  return !!parent && (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent) || ts.isCaseOrDefaultClause(parent)) && !ts.isFunctionLike(node) && !ts.isClassLike(node);
}

function unitsInFiles(files: Iterable<string>, plan: Plan): EditUnit[] {
  const units: EditUnit[] = [];
  for (const file of files) {
    const edits = plan.files.get(file);
    if (edits) units.push(...edits.ownersWithin(0, edits.source.text.length));
  }
  return distinctUnits(units);
}

/** The function-like a declaration belongs to (a parameter's function, a method, an arrow assigned to a variable). */
function functionAround(node: ts.Node): ts.Node | undefined {
  if (ts.isVariableDeclaration(node) && node.initializer && ts.isFunctionLike(node.initializer)) return node.initializer;
  for (let current: ts.Node | undefined = node; current; current = current.parent) if (ts.isFunctionLike(current)) return current;
  return undefined;
}

function isStatementBoundary(node: ts.Node): boolean {
  return ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isBlock(node);
}

/** Maps an offset of the edited text to the original one. */
function toOriginal(edits: FileEdits, editedOffset: number): number {
  return mapEditedOffsetToOriginal(edits.all, editedOffset);
}

/** The innermost node whose range holds `pos`. */
function tokenAt(root: ts.Node, pos: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node) => {
    if (pos >= node.pos && pos < node.end) {
      found = node;
      ts.forEachChild(node, visit);
    }
  };
  visit(root);
  return found;
}
