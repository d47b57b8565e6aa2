// Adds the import of the runtime module to a file that now uses it: into an existing import
// of it, else as a new statement after the file's imports (or after its directive prologue),
// in the file's module syntax, quote style and semicolon style.
import { ts } from '../syntax/typescript.js';
import type { EditUnit } from '../syntax/edit-unit.js';
import type { FileEdits } from '../syntax/file-edits.js';
import type { ExistingRuntimeImport } from './runtime-bindings.js';
import { RUNTIME_EXPORTS, type RuntimeExport } from '../runtime/runtime-options.js';
import { preferredQuoteOf, quoteString, usesSemicolons } from '../syntax/source-layout.js';
import { importSyntaxOf } from '../syntax/module-style.js';

export function addRuntimeImport(
  file: ts.SourceFile,
  edits: FileEdits,
  names: Map<RuntimeExport, string>,
  existing: ExistingRuntimeImport | undefined,
  specifier: string,
): void {
  // Charged to no unit: planned again each round, it is there only while the file has other edits.
  const owner: readonly EditUnit[] = [];
  const syntax = importSyntaxOf(file);
  const ordered = [...RUNTIME_EXPORTS].filter((name) => names.has(name)).sort();
  const missing = ordered.filter((name) => !existing?.names.has(name));
  if (missing.length === 0) return;
  const element = (name: RuntimeExport) => {
    const local = names.get(name)!;
    if (local === name) return name;
    return syntax === 'esm' ? `${name} as ${local}` : `${name}: ${local}`;
  };

  if (existing?.bindings) {
    const elements = existing.bindings.elements;
    const last = elements[elements.length - 1];
    const text = missing.map(element).join(', ');
    if (last) edits.add(last.end, last.end, `, ${text}`, owner);
    else edits.add(existing.bindings.getStart(file) + 1, existing.bindings.getStart(file) + 1, ` ${text} `, owner);
    return;
  }

  const eol = edits.source.eol;
  const quote = preferredQuoteOf(file);
  const semicolon = usesSemicolons(file) ? ';' : '';
  const list = `{ ${missing.map(element).join(', ')} }`;
  const statement =
    syntax === 'esm'
      ? `import ${list} from ${quoteString(specifier, quote)}${semicolon}`
      : `const ${list} = require(${quoteString(specifier, quote)})${semicolon}`;
  const anchor = lastImportLike(file, edits);
  if (anchor) {
    edits.add(anchor.end, anchor.end, `${eol}${statement}`, owner);
    return;
  }
  const prologueEnd = directivePrologueEnd(file);
  if (prologueEnd !== undefined) {
    edits.add(prologueEnd, prologueEnd, `${eol}${eol}${statement}`, owner);
    return;
  }
  const first = file.statements[0];
  const at = first ? beforeAttachedComments(file, first) : file.text.length;
  // Every import goes (only removed parameters used them): the new one takes their place, and the
  // blank line after them stays the one after it.
  const replacesImports = !!first && edits.isInsideEdit(first.getStart(file), first.end);
  edits.add(at, at, `${statement}${eol}${first && !replacesImports ? eol : ''}`, owner);
}

/**
 * Where a new first statement goes: above the comments that belong to the current first statement,
 * below the others (a file header). A comment belongs to the statement when it is right above it
 * (no blank line between) and is a JSDoc, a directive for the next line (`// @ts-expect-error`, a
 * lint directive), or any comment with an earlier comment block above it, which is then the header.
 */
function beforeAttachedComments(file: ts.SourceFile, first: ts.Statement): number {
  const text = file.text;
  let at = first.getStart(file);
  const comments = ts.getLeadingCommentRanges(text, first.pos) ?? [];
  let attached = comments.length;
  while (attached > 0 && !/\n[ \t]*\r?\n/.test(text.slice(comments[attached - 1]!.end, attached === comments.length ? at : comments[attached]!.pos))) attached--;
  // The block right above the statement, after a header: all of it is the statement's.
  if (attached > 0 && attached < comments.length) return comments[attached]!.pos;
  for (let i = comments.length - 1; i >= attached; i--) {
    if (!STATEMENT_COMMENT.test(text.slice(comments[i]!.pos, comments[i]!.end))) break;
    at = comments[i]!.pos;
  }
  return at;
}

/** JSDoc, and directives for the next line (TypeScript, ESLint, Biome, Prettier, coverage). */
const STATEMENT_COMMENT = /^\/\*\*|^\/\/\s*@ts-|^\/[/*]\s*(eslint-disable-next-line|biome-ignore|prettier-ignore|istanbul ignore|c8 ignore)/;

/** The last top-level import / import-equals / require statement. */
function lastImportLike(file: ts.SourceFile, edits: FileEdits): ts.Statement | undefined {
  let last: ts.Statement | undefined;
  for (const statement of file.statements) {
    // One an edit removes (an import only a removed parameter used) is no anchor: the new import would go with it.
    if (edits.isInsideEdit(statement.getStart(file), statement.end)) continue;
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || isRequireStatement(statement, file)) last = statement;
  }
  return last;
}

function isRequireStatement(statement: ts.Statement, file: ts.SourceFile): boolean {
  if (!ts.isVariableStatement(statement)) return false;
  return statement.declarationList.declarations.every((d) => {
    let init = d.initializer;
    while (init && (ts.isPropertyAccessExpression(init) || ts.isCallExpression(init)) && !(ts.isCallExpression(init) && init.expression.getText(file) === 'require')) {
      init = ts.isPropertyAccessExpression(init) ? init.expression : init.expression;
    }
    return !!init && ts.isCallExpression(init) && init.expression.getText(file) === 'require';
  });
}

function isDirective(statement: ts.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}

function directivePrologueEnd(file: ts.SourceFile): number | undefined {
  let end: number | undefined;
  for (const statement of file.statements) {
    if (!isDirective(statement)) break;
    end = statement.end;
  }
  return end;
}
