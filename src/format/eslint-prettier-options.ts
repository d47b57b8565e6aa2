// eslint-plugin-prettier takes prettier options in the rule itself
// (`'prettier/prettier': ['error', { singleQuote: true }]`), and they win over the prettier config.
// Read off the ESLint config's text without running it: literal options only.
import { readFileSync } from 'node:fs';
import { ts } from '../syntax/typescript.js';
import type { PrettierOptions } from './load-prettier.js';

export type InlinePrettierOptions =
  | { kind: 'none' }
  | { kind: 'literal'; options: PrettierOptions }
  /** The rule's options are computed (a variable, a spread, a call): only running the config would tell. */
  | { kind: 'computed' };

const RULE = 'prettier/prettier';

const read = new Map<string, InlinePrettierOptions>();

/** The prettier options that the ESLint config at `path` gives its `prettier/prettier` rule (read once per run). */
export function inlinePrettierOptions(path: string): InlinePrettierOptions {
  let options = read.get(path);
  if (!options) {
    options = readInlinePrettierOptions(path);
    read.set(path, options);
  }
  return options;
}

function readInlinePrettierOptions(path: string): InlinePrettierOptions {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { kind: 'none' };
  }
  if (!text.includes(RULE)) return { kind: 'none' };
  if (/\.ya?ml$/.test(path) || path.endsWith('/.eslintrc')) return optionsOfYamlOrJson(text);
  // JSON is an expression of JavaScript: one parser serves `.eslintrc.json` and `eslint.config.mjs`.
  const source = ts.createSourceFile(path, path.endsWith('.json') ? `(${text})` : text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  let found: InlinePrettierOptions = { kind: 'none' };
  const visit = (node: ts.Node): void => {
    if (found.kind === 'computed') return;
    if (ts.isPropertyAssignment(node) && propertyName(node.name) === RULE) {
      const options = ruleOptions(node.initializer);
      // Several configs may set the rule (per file pattern): one that cannot be read decides for all.
      if (options.kind !== 'none') found = options.kind === 'computed' || found.kind === 'none' ? options : { kind: 'literal', options: { ...found.options, ...options.options } };
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `'error'` (no options), `['error', { … }]` or `['error', { … }, { usePrettierrc }]`. */
function ruleOptions(value: ts.Expression): InlinePrettierOptions {
  const e = skipParentheses(value);
  if (ts.isStringLiteral(e) || ts.isNumericLiteral(e)) return { kind: 'none' };
  if (!ts.isArrayLiteralExpression(e)) return { kind: 'computed' };
  const options = e.elements[1];
  if (!options) return { kind: 'none' };
  const object = skipParentheses(options);
  if (!ts.isObjectLiteralExpression(object)) return { kind: 'computed' };
  const out: Record<string, string | number | boolean> = {};
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property)) return { kind: 'computed' };
    const key = propertyName(property.name);
    const literal = literalValue(property.initializer);
    if (key === undefined || literal === undefined) return { kind: 'computed' };
    out[key] = literal;
  }
  return { kind: 'literal', options: out as PrettierOptions };
}

/** `.eslintrc` may be JSON or YAML; YAML options are not read (they are rare): computed, so the file's style is kept. */
function optionsOfYamlOrJson(text: string): InlinePrettierOptions {
  try {
    const rules = (JSON.parse(text) as { rules?: Record<string, unknown> }).rules;
    const rule = rules?.[RULE];
    if (!Array.isArray(rule) || rule[1] === undefined) return { kind: 'none' };
    const options = rule[1] as unknown;
    if (typeof options !== 'object' || options === null) return { kind: 'computed' };
    return { kind: 'literal', options: options as PrettierOptions };
  } catch {
    return { kind: 'computed' };
  }
}

function literalValue(node: ts.Expression): string | number | boolean | undefined {
  const e = skipParentheses(node);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isNumericLiteral(e)) return Number(e.text);
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

function propertyName(name: ts.PropertyAssignment['name']): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

function skipParentheses(node: ts.Expression): ts.Expression {
  let e = node;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}
