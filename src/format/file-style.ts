// A file's own style as prettier options, for projects without a formatter: what the tool writes
// then looks like the code around it. Each choice follows what the file already does most;
// `.editorconfig` (indentation, max_line_length) wins where it says something.
import { ts } from '../syntax/typescript.js';
import { indentUnitOf, preferredQuoteOf, usesSemicolons } from '../syntax/source-layout.js';
import type { PrettierOptions } from './load-prettier.js';

/**
 * Without `.editorconfig`'s max_line_length a file declares no width: the tool's lines are wrapped
 * only past 120 columns, or past the file's own longest line (up to 160).
 */
const NARROWEST_INFERRED = 120;
const WIDEST_INFERRED = 160;

export function fileStyleOptions(file: ts.SourceFile, editorconfig: PrettierOptions): PrettierOptions {
  const text = file.text;
  const indent = indentUnitOf(text);
  const options: PrettierOptions = {
    singleQuote: preferredQuoteOf(file) === "'",
    semi: usesSemicolons(file),
    useTabs: indent === '\t',
    tabWidth: indent === '\t' ? 4 : indent.length,
    trailingComma: trailingCommaStyle(file),
    bracketSpacing: !/(?:import|export)\s*\{\S/.test(text) || /(?:import|export)\s*\{ /.test(text),
    arrowParens: arrowParensStyle(text),
    printWidth: inferredWidth(text),
  };
  return { ...options, ...editorconfig };
}

function inferredWidth(text: string): number {
  let longest = 0;
  for (const line of text.split('\n')) longest = Math.max(longest, line.replace(/\s+$/, '').length);
  return Math.min(WIDEST_INFERRED, Math.max(NARROWEST_INFERRED, longest));
}

function arrowParensStyle(text: string): 'always' | 'avoid' {
  const bare = (text.match(/(?<![\w$).])[A-Za-z_$][\w$]*\s*=>/g) ?? []).length;
  const parenthesised = (text.match(/\(\s*[A-Za-z_$][\w$]*\s*\)\s*=>/g) ?? []).length;
  return bare > parenthesised ? 'avoid' : 'always';
}

/**
 * Trailing commas of lists that end on their own line: `all` when call arguments or parameters have
 * them, `es5` when only objects and arrays do, `none` when multi-line lists never do. A file with
 * no multi-line list gets prettier's default (`all`).
 */
function trailingCommaStyle(file: ts.SourceFile): 'all' | 'es5' | 'none' {
  let es5With = 0;
  let es5Without = 0;
  let callWith = 0;
  let callWithout = 0;
  const multiLine = (list: ts.NodeArray<ts.Node>, closeAt: number) =>
    list.length > 0 && file.getLineAndCharacterOfPosition(list[list.length - 1]!.end).line < file.getLineAndCharacterOfPosition(closeAt).line;
  const visit = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node)) {
      const list = ts.isObjectLiteralExpression(node) ? node.properties : node.elements;
      if (multiLine(list, node.end - 1)) list.hasTrailingComma ? es5With++ : es5Without++;
    } else if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments) {
      if (multiLine(node.arguments, node.end - 1)) node.arguments.hasTrailingComma ? callWith++ : callWithout++;
    } else if (ts.isFunctionLike(node) && 'body' in node && node.parameters.length > 0) {
      const close = file.text.indexOf(')', node.parameters.end);
      if (close >= 0 && multiLine(node.parameters, close)) node.parameters.hasTrailingComma ? callWith++ : callWithout++;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (callWith > callWithout) return 'all';
  if (es5With > es5Without) return callWith + callWithout > 0 ? 'es5' : 'all';
  if (es5Without > 0 || callWithout > 0) return 'none';
  return 'all';
}
