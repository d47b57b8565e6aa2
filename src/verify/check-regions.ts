// Which edited files the type check may check only around their edits, not whole. A file
// qualifies when nothing outside its edited statements can get a new error from its edits:
//
// - its edits are log rewrites (and the runtime import, which has no owner): a rewrite replaces a
//   call with one of the same result type (see filesWithApiEdits in verify-plan.ts), so no type
//   outside the rewritten statement changes; and it imports nothing whose API changed (it is not
//   an importer, even indirectly, of a file with other edits), so nothing it refers to changes;
// - it was a module (an import added to a global script would make its declarations local);
// - the names its edits newly bind at module scope (the runtime import's `log`, `traceId`…) appear
//   nowhere in its original text: otherwise a reference elsewhere that meant a global of that name
//   would now mean the import (the planner avoids names the file declares, not those it uses);
// - no noUnusedLocals/noUnusedParameters: a rewrite that drops an interpolated value could leave a
//   declaration elsewhere unused, and unused names are only reported by a whole-file check;
// - no `@ts-expect-error`/`@ts-ignore` comments: a partial check neither reports a directive that
//   no longer suppresses anything nor looks at directives outside the checked statements.
// Everything else an edit can break is inside the statements that hold it, which are checked;
// module-level binding errors (a duplicate name) are reported for the whole file either way.
import { ts } from '../syntax/typescript.js';
import type { Plan } from '../plan/build-plan.js';
import type { FileEdits } from '../syntax/file-edits.js';
import { isStatementList, type StatementList } from '../syntax/statement-lists.js';

export interface TextRange {
  start: number;
  end: number;
}

/**
 * File → the ranges of its EDITED text that its edits produced, for the files that may qualify;
 * regionStatements decides, with the edited file at hand.
 */
export function partialCheckCandidates(
  plan: Plan,
  original: ts.Program,
  options: ts.CompilerOptions,
  /** Files whose edits are not all log rewrites. */
  apiChanged: ReadonlySet<string>,
  /** Those and every file that imports one, even indirectly. */
  apiAffected: ReadonlySet<string>,
): Map<string, TextRange[]> {
  const regions = new Map<string, TextRange[]>();
  if (options.noUnusedLocals || options.noUnusedParameters) return regions;
  // A global or module augmentation changes types for files that do not import its file.
  if ([...apiChanged].some((path) => /\bdeclare\s+(global|module)\b/.test(plan.files.get(path)?.source.text ?? ''))) return regions;
  for (const [path, edits] of plan.files) {
    if (apiAffected.has(path)) continue;
    const before = original.getSourceFile(path);
    if (!before || !ts.isExternalModule(before) || /@ts-(expect-error|ignore)/.test(before.text)) continue;
    regions.set(path, editedRanges(edits));
  }
  return regions;
}

/**
 * The statements of the edited file to check: the innermost statement around each range, or the
 * statements a range spans inside a statement list (an inserted import). Undefined when the whole
 * file must be checked: a name the edits bind at module scope is mentioned in the original, or a
 * range lies in no statement.
 */
export function regionStatements(before: ts.SourceFile, after: ts.SourceFile, ranges: readonly TextRange[]): ts.Node[] | undefined {
  const old = moduleNames(before);
  if ([...moduleNames(after)].some((name) => !old.has(name) && mentions(before.text, name))) return undefined;
  const nodes = new Set<ts.Node>();
  for (const range of ranges) {
    const found = statementsAroundRange(after, range);
    if (!found) return undefined;
    for (const node of found) nodes.add(node);
  }
  return [...nodes];
}

function statementsAroundRange(file: ts.SourceFile, { start, end }: TextRange): ts.Node[] | undefined {
  let holder: ts.Node = file;
  for (;;) {
    const child = ts.forEachChild(holder, (node) => (node.pos <= start && end <= node.end ? node : undefined));
    if (!child) break;
    holder = child;
  }
  for (let node: ts.Node | undefined = holder; node; node = node.parent) {
    if (isStatementList(node)) {
      const spanned = statementsOf(node).filter((statement) => statement.pos < end && start < statement.end);
      if (spanned.length > 0) return spanned;
      if (ts.isSourceFile(node)) return undefined;
    } else if (node.parent && isStatementList(node.parent)) {
      return [node];
    }
  }
  return undefined;
}

function statementsOf(node: StatementList): readonly ts.Statement[] {
  return node.statements;
}

/** Where each edit's text lands in the edited file. */
function editedRanges(edits: FileEdits): TextRange[] {
  const ranges: TextRange[] = [];
  let shift = 0;
  for (const edit of edits.sorted()) {
    const start = edit.start + shift;
    ranges.push({ start, end: start + edit.text.length });
    shift += edit.text.length - (edit.end - edit.start);
  }
  return ranges;
}

/** Names the top-level statements bind: imports, variables (and their destructurings), declarations. */
function moduleNames(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name);
  };
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      else if (bindings) for (const element of bindings.elements) names.add(element.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) addBinding(declaration.name);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) && statement.name) {
      names.add(statement.name.text);
    }
  }
  return names;
}

/**
 * The text has `name` as a whole word anywhere but right after a `.` (`console.log` is a property,
 * never a reference); in strings and comments too, erring towards a full check.
 */
function mentions(text: string, name: string): boolean {
  return new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(text);
}
