// Syntax-only measurements over a service's tree, the same before and after the migration:
// the trace-named parameters of every function body, the interpolated log calls, and every call
// by name (for the arity check). TypeScript's parser only: no type check, no project code run.
import ts from 'typescript';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, extname } from 'node:path';

const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'build', '.next', 'coverage', 'out', '.bench-real']);
const LOG_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'fatal', 'verbose', 'http', 'silly']);

/** Every source file under the given roots (files or directories), relative to `dir`. */
export function listSourceFiles(dir, roots) {
  const files = [];
  const walk = (abs) => {
    const st = statSync(abs);
    if (st.isDirectory()) {
      for (const entry of readdirSync(abs)) if (!SKIPPED_DIRS.has(entry)) walk(join(abs, entry));
    } else if (SOURCE_EXTENSIONS.has(extname(abs)) && !abs.endsWith('.d.ts')) {
      files.push(relative(dir, abs));
    }
  };
  for (const root of roots) if (existsSync(join(dir, root))) walk(join(dir, root));
  return files.sort();
}

function scriptKind(file) {
  const ext = extname(file);
  if (ext === '.tsx') return ts.ScriptKind.TSX;
  if (ext === '.jsx') return ts.ScriptKind.JSX;
  if (ext === '.js' || ext === '.mjs' || ext === '.cjs') return ts.ScriptKind.JSX;
  return ts.ScriptKind.TS;
}

function parse(dir, file) {
  return ts.createSourceFile(file, readFileSync(join(dir, file), 'utf8'), ts.ScriptTarget.Latest, true, scriptKind(file));
}

const line = (sf, node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;

function propertyNameText(name) {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

/** A readable, edit-stable name for a function-like node: `Class.method`, `obj.prop`, `name`, or `callback@line`. */
function functionName(sf, node) {
  const own = node.name ? propertyNameText(node.name) : undefined;
  if (ts.isConstructorDeclaration(node)) return `${node.parent.name?.text ?? '<class>'}.constructor`;
  if ((ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node)) && own) {
    const owner = ts.isClassLike(node.parent) ? node.parent.name?.text ?? '<class>' : '<object>';
    return `${owner}.${own}`;
  }
  if (ts.isFunctionDeclaration(node) && own) return own;
  let parent = node.parent;
  while (parent && (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression?.(parent))) parent = parent.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent)) return propertyNameText(parent.name) ?? `<prop>@${line(sf, node)}`;
  if (parent && ts.isPropertyDeclaration(parent)) return `${parent.parent.name?.text ?? '<class>'}.${propertyNameText(parent.name)}`;
  if (parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return parent.left.getText(sf);
  if (own) return own;
  if (parent && ts.isCallExpression(parent)) return `<callback of ${parent.expression.getText(sf).slice(0, 40)}>@${line(sf, node)}`;
  return `<anonymous>@${line(sf, node)}`;
}

/** The last segment of a function name: what a call by name uses. */
export const shortName = (name) => name.replace(/^.*\./, '');

function isFunctionWithBody(node) {
  return (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node) || ts.isConstructorDeclaration(node)) && node.body !== undefined;
}

function isStringy(node) {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node);
}

function isConcatenation(node) {
  if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.PlusToken) return false;
  const parts = [];
  const flatten = (n) => (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken ? (flatten(n.left), flatten(n.right)) : parts.push(n));
  flatten(node);
  return parts.some(isStringy) && parts.some((p) => !isStringy(p));
}

/** A console/logger call whose message is built by interpolation (template, `+`, or a %-format with args). */
function interpolatedLogCall(sf, node) {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  const method = node.expression.name.text;
  if (!LOG_METHODS.has(method)) return undefined;
  const receiver = node.expression.expression.getText(sf);
  if (!(receiver === 'console' || /log/i.test(receiver.split('.').pop() ?? ''))) return undefined;
  const args = node.arguments;
  // A logger's message is its first argument, or the second after pino's fields object: a template
  // inside a meta object (`logger.info('Saved', { url: `${base}/x` })`) is a field already, not text.
  // console prints every argument, so any of them counts.
  const text = receiver === 'console' ? args : args.length > 1 && !isStringy(args[0]) && !isConcatenation(args[0]) ? [args[1]] : args.slice(0, 1);
  // console also counts `console.warn('msg:', value)`: extra arguments are values the line carries.
  const interpolated = text.some((a) => (ts.isTemplateExpression(a) && a.templateSpans.length > 0) || isConcatenation(a)) ||
    (args.length > 1 && ts.isStringLiteral(args[0]) && /%[sdifjoO]/.test(args[0].text)) ||
    (receiver === 'console' && args.length > 1 && isStringy(args[0]));
  return interpolated ? { receiver, method } : undefined;
}

export function scanTree(dir, roots, traceNames) {
  const names = new Set(traceNames);
  const functions = [];   // { file, name, line, params: [names], hasRest, traceParams: [{ name, index }] }
  const logs = [];        // { file, line, receiver, method }
  const calls = [];       // { file, line, callee, args, spread }
  for (const file of listSourceFiles(dir, roots)) {
    let sf;
    try { sf = parse(dir, file); } catch { continue; }
    const seen = new Map();
    const visit = (node) => {
      if (isFunctionWithBody(node)) {
        let name = functionName(sf, node);
        const n = (seen.get(name) ?? 0) + 1;
        seen.set(name, n);
        if (n > 1) name = `${name}#${n}`;
        const params = node.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : p.name.getText(sf)));
        const traceParams = [];
        node.parameters.forEach((p, index) => {
          if (ts.isIdentifier(p.name) && names.has(p.name.text)) traceParams.push({ name: p.name.text, index });
          // Destructured ids ({ requestId }) are listed too, marked: the tool does not claim them.
          if (ts.isObjectBindingPattern(p.name)) {
            for (const el of p.name.elements) {
              const bound = ts.isIdentifier(el.name) ? el.name.text : undefined;
              if (bound && names.has(bound)) traceParams.push({ name: bound, index, destructured: true });
            }
          }
        });
        functions.push({
          file, name, line: line(sf, node), endLine: sf.getLineAndCharacterOfPosition(node.getEnd()).line + 1, params,
          hasRest: node.parameters.some((p) => p.dotDotDotToken !== undefined),
          required: node.parameters.filter((p) => !p.questionToken && !p.initializer && !p.dotDotDotToken).length,
          traceParams,
        });
      }
      const log = interpolatedLogCall(sf, node);
      if (log) logs.push({ file, line: line(sf, node), ...log });
      if (ts.isCallExpression(node) || (ts.isNewExpression(node) && node.arguments)) {
        const callee = ts.isIdentifier(node.expression) ? node.expression.text
          : ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : undefined;
        if (callee) {
          calls.push({
            file, line: line(sf, node), callee, text: node.getText(sf).split('\n')[0].slice(0, 100),
            args: node.arguments.length, spread: node.arguments.some((a) => ts.isSpreadElement(a)),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { functions, logs, calls };
}
