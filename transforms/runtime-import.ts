// The transform's import of the runtime's `log`: where the module is (the `runtimeImport` option),
// which local name is free, and the statement — placed and spelled like the engine's
// (src/plan/runtime-imports.ts): after the last import/require, in the file's module syntax,
// quote and semicolon style. The transform cannot emit the runtime module itself.
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { FileEdits } from '../src/syntax/file-edits.js';
import { packageTypeOf } from '../src/syntax/package-json.js';
import { quoteString } from '../src/syntax/source-layout.js';
import type { EsNode } from './estree-value-shape.js';
import type { Positions } from './source-positions.js';

export const DEFAULT_RUNTIME_IMPORT = './trace-context.js';

/**
 * The specifier a file imports the runtime by. A relative `runtimeImport` is a path from the
 * working directory (like --runtime-path), turned into a path from the file; anything else (a
 * package name, a `#alias`) is used as written.
 */
export function runtimeSpecifierFor(filePath: string | undefined, runtimeImport: string, cwd: string): string {
  const isPath = runtimeImport.startsWith('.') || isAbsolute(runtimeImport);
  if (!isPath || !filePath) return runtimeImport;
  let rel = relative(dirname(resolve(cwd, filePath)), resolve(cwd, runtimeImport)).split('\\').join('/');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel;
}

/** The runtime import already in the file (a second run): its statement and local names. */
export interface ExistingImport {
  names: Map<string, string>;
  /** The last named binding, to add a name after. */
  lastBinding?: EsNode;
}

export function findRuntimeImport(program: EsNode, specifier: string): ExistingImport | undefined {
  for (const statement of program.body as EsNode[]) {
    if (statement.type === 'ImportDeclaration' && (statement.source as EsNode).value === specifier) {
      const names = new Map<string, string>();
      let lastBinding: EsNode | undefined;
      for (const s of statement.specifiers as EsNode[]) {
        if (s.type !== 'ImportSpecifier') continue;
        const imported = s.imported as EsNode;
        names.set((imported.name ?? imported.value) as string, (s.local as EsNode).name as string);
        lastBinding = s;
      }
      return { names, lastBinding };
    }
    if (statement.type === 'VariableDeclaration') {
      for (const declaration of statement.declarations as EsNode[]) {
        const init = declaration.init as EsNode | null;
        const id = declaration.id as EsNode;
        if (!init || !isRequire(init) || (init.arguments as EsNode[])[0]?.value !== specifier || id.type !== 'ObjectPattern') continue;
        const names = new Map<string, string>();
        let lastBinding: EsNode | undefined;
        for (const p of id.properties as EsNode[]) {
          if (p.type !== 'ObjectProperty' && p.type !== 'Property') continue;
          names.set((p.key as EsNode).name as string, (p.value as EsNode).name as string);
          lastBinding = p;
        }
        return { names, lastBinding };
      }
    }
  }
  return undefined;
}

/** Every name the file declares (a local `log` would shadow the import). */
export function declaredNames(program: EsNode): Set<string> {
  const names = new Set<string>();
  const bind = (pattern: EsNode | null | undefined): void => {
    if (!pattern) return;
    switch (pattern.type) {
      case 'Identifier':
        names.add(pattern.name as string);
        break;
      case 'ObjectPattern':
        for (const p of pattern.properties as EsNode[]) bind((p.type === 'RestElement' ? p.argument : p.value) as EsNode);
        break;
      case 'ArrayPattern':
        for (const e of pattern.elements as (EsNode | null)[]) bind(e);
        break;
      case 'AssignmentPattern':
        bind(pattern.left as EsNode);
        break;
      case 'RestElement':
        bind(pattern.argument as EsNode);
        break;
      case 'TSParameterProperty':
        bind(pattern.parameter as EsNode);
        break;
    }
  };
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as EsNode;
    if (typeof n.type !== 'string') return;
    if (n.type === 'VariableDeclarator') bind(n.id as EsNode);
    if (/Function|Method/.test(n.type)) {
      if (n.type !== 'ObjectMethod' && n.type !== 'ClassMethod') bind(n.id as EsNode);
      for (const param of (n.params as EsNode[] | undefined) ?? []) bind(param);
    }
    if (n.type === 'ClassDeclaration' || n.type === 'ClassExpression') bind(n.id as EsNode);
    if (n.type === 'CatchClause') bind(n.param as EsNode);
    if (/^Import(Default|Namespace)?Specifier$/.test(n.type)) bind(n.local as EsNode);
    if (n.type === 'TSEnumDeclaration' || n.type === 'TSImportEqualsDeclaration') bind(n.id as EsNode);
    for (const [key, value] of Object.entries(n)) {
      if (key !== 'loc' && key !== 'tokens' && key !== 'comments' && key !== 'leadingComments' && key !== 'trailingComments') visit(value);
    }
  };
  visit(program);
  return names;
}

/** `log`, else `traceLog`, `traceLog2`, … — as the engine names it. */
export function freeFacadeName(declared: ReadonlySet<string>): string {
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? 'log' : n === 1 ? 'traceLog' : `traceLog${n}`;
    if (!declared.has(candidate)) return candidate;
  }
}

export interface ImportStyle {
  syntax: 'esm' | 'cjs';
  quote: "'" | '"';
  semicolon: boolean;
  eol: string;
}

/** Adds `log` (as `local`) to the file's imports of the runtime module. */
export function addRuntimeImport(program: EsNode, at: Positions, source: string, edits: FileEdits, local: string, specifier: string, existing: ExistingImport | undefined, style: ImportStyle): void {
  const startOf = (node: EsNode) => at.start(node);
  const endOf = (node: EsNode) => at.end(node);
  const element = local === 'log' ? 'log' : style.syntax === 'esm' ? `log as ${local}` : `log: ${local}`;
  const owner = 'runtime-import';
  if (existing?.lastBinding) {
    edits.add(endOf(existing.lastBinding), endOf(existing.lastBinding), `, ${element}`, owner);
    return;
  }
  const semicolon = style.semicolon ? ';' : '';
  const statement =
    style.syntax === 'esm'
      ? `import { ${element} } from ${quoteString(specifier, style.quote)}${semicolon}`
      : `const { ${element} } = require(${quoteString(specifier, style.quote)})${semicolon}`;
  const body = program.body as EsNode[];
  const anchor = [...body].reverse().find((s) => s.type === 'ImportDeclaration' || s.type === 'TSImportEqualsDeclaration' || isRequireStatement(s));
  if (anchor) {
    edits.add(endOf(anchor), endOf(anchor), `${style.eol}${statement}`, owner);
    return;
  }
  const prologue = prologueEnd(program, at);
  if (prologue !== undefined) {
    edits.add(prologue, prologue, `${style.eol}${style.eol}${statement}`, owner);
    return;
  }
  const first = body[0];
  const before = first ? startOf(first) : source.length;
  edits.add(before, before, `${statement}${style.eol}${first ? style.eol : ''}`, owner);
}

/** ESM or CommonJS, as the engine decides (src/syntax/module-style.ts): extension, then syntax used, then package type. */
export function importSyntaxOf(filePath: string | undefined, program: EsNode, source: string, cwd: string): 'esm' | 'cjs' {
  const path = filePath ?? '';
  if (/\.(ts|tsx|mts|cts)$/.test(path) || path.endsWith('.mjs')) return 'esm';
  if (path.endsWith('.cjs')) return 'cjs';
  const esm = (program.body as EsNode[]).some((s) => /^(Import|Export)/.test(s.type));
  if (esm) return 'esm';
  if (/\brequire\s*\(|\bmodule\.exports\b|\bexports\./.test(source)) return 'cjs';
  return filePath && packageTypeOf(dirname(resolve(cwd, filePath))) === 'module' ? 'esm' : 'cjs';
}

/** Whether top-level statements end with semicolons (as the engine counts them). */
export function usesSemicolons(program: EsNode, at: Positions, source: string): boolean {
  let withSemi = 0;
  let without = 0;
  for (const statement of program.body as EsNode[]) {
    const text = source.slice(at.start(statement), at.end(statement));
    if (text.endsWith(';')) withSemi++;
    else if (!text.endsWith('}')) without++;
  }
  return withSemi >= without;
}

function prologueEnd(program: EsNode, at: Positions): number | undefined {
  const directives = (program.directives as EsNode[] | undefined) ?? [];
  if (directives.length > 0) return at.end(directives[directives.length - 1]!);
  let end: number | undefined;
  for (const statement of program.body as EsNode[]) {
    if (statement.type !== 'ExpressionStatement' || typeof statement.directive !== 'string') break;
    end = at.end(statement);
  }
  return end;
}

function isRequire(node: EsNode): boolean {
  const callee = node.callee as EsNode | undefined;
  return node.type === 'CallExpression' && callee?.type === 'Identifier' && callee.name === 'require';
}

function isRequireStatement(statement: EsNode): boolean {
  if (statement.type !== 'VariableDeclaration') return false;
  return (statement.declarations as EsNode[]).every((d) => {
    let init = d.init as EsNode | null;
    while (init && (init.type === 'MemberExpression' || (init.type === 'CallExpression' && !isRequire(init)))) init = (init.object ?? init.callee) as EsNode;
    return !!init && isRequire(init);
  });
}
