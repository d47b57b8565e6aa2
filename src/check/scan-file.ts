// The syntax-only scan of one file for --check: parse (no Program, no type checker, no JSDoc), then
// one walk that keeps the names of the enclosing declarations. What counts as a console call and how
// an id is used come from the syntax layer the migration uses too (src/syntax/).
import path from 'node:path';
import { ts } from '../syntax/typescript.js';
import type { LogScope } from '../config/config.js';
import type { SourceText } from '../syntax/source-text.js';
import { consoleMethodOf } from '../syntax/console-calls.js';
import { idUsesAmong, isBusinessUse } from '../syntax/id-uses.js';
import { pushTo } from '../syntax/multimap.js';
import { describeConsoleCall } from './console-call.js';
import { propagateBusinessIds, type TraceParamRecord } from './related-params.js';

export { couldHaveMatches } from './prefilter.js';

export type CheckRuleId = 'trace-params' | 'structured-logs';

export interface ScanOptions {
  /** Parameter names to report (config.traceParamNames minus config.notTraceParams). */
  traceParamNames: ReadonlySet<string>;
  logScope: LogScope;
}

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

export interface Match {
  ruleId: CheckRuleId;
  start: Position;
  end: Position;
  message: string;
  /** Names of the enclosing declarations, outermost first. */
  scope: string[];
  /** The code that identifies the match for its fingerprint. */
  code: string;
}

export interface ParseFailure {
  start: Position;
  /** The first syntax error. */
  message: string;
  /** How many syntax errors the file has. */
  count: number;
}

export type ScanResult = { matches: Match[]; parseFailure?: undefined } | { matches?: undefined; parseFailure: ParseFailure };

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

// ts-morph re-exports TypeScript through getters: every `ts.X` is a function call. Read what the
// hot loop needs once (the getters showed near the top of the scan's CPU profile).
const { SyntaxKind, createSourceFile, forEachChild, flattenDiagnosticMessageText } = ts;
const { isParameter, isIdentifier, isCallExpression, isPrivateIdentifier, isStringLiteral, isNumericLiteral } = ts;
const KIND_PARAMETER = SyntaxKind.Parameter;
const KIND_CALL = SyntaxKind.CallExpression;
const KIND_IDENTIFIER = SyntaxKind.Identifier;

/**
 * How a declaration kind contributes to the scope path: its name; its name or "default" when it
 * has none (export default function/class); or "constructor".
 */
type Naming = 'name' | 'name-or-default' | 'constructor';
const SCOPE_KINDS = new Map<ts.SyntaxKind, Naming>([
  [SyntaxKind.FunctionDeclaration, 'name-or-default'],
  [SyntaxKind.ClassDeclaration, 'name-or-default'],
  [SyntaxKind.FunctionExpression, 'name'],
  [SyntaxKind.ClassExpression, 'name'],
  [SyntaxKind.Constructor, 'constructor'],
  [SyntaxKind.InterfaceDeclaration, 'name'],
  [SyntaxKind.TypeAliasDeclaration, 'name'],
  [SyntaxKind.EnumDeclaration, 'name'],
  [SyntaxKind.ModuleDeclaration, 'name'],
  [SyntaxKind.MethodDeclaration, 'name'],
  [SyntaxKind.MethodSignature, 'name'],
  [SyntaxKind.PropertyDeclaration, 'name'],
  [SyntaxKind.PropertySignature, 'name'],
  [SyntaxKind.GetAccessor, 'name'],
  [SyntaxKind.SetAccessor, 'name'],
  [SyntaxKind.PropertyAssignment, 'name'],
  [SyntaxKind.VariableDeclaration, 'name'],
]);

const PARSE_OPTIONS: ts.CreateSourceFileOptions = {
  languageVersion: ts.ScriptTarget.Latest,
  jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
};

/** What the walk found, resolved once the whole tree has its parent pointers. */
type Candidate =
  | { param: ts.ParameterDeclaration; bound: ts.Identifier; scope: string[] }
  | { call: ts.CallExpression; scope: string[] };

interface Walked {
  candidates: Candidate[];
  /** Every identifier named like a trace parameter, by name, in tree order (their uses decide business ids). */
  named: Map<string, ts.Identifier[]>;
  /** Calls of plain identifiers (`notify(…)`), by the name called. */
  callsByName: Map<string, ts.CallExpression[]>;
}

export function scanFile(source: SourceText, options: ScanOptions): ScanResult {
  const scriptKind = SCRIPT_KINDS[path.extname(source.path).toLowerCase()] ?? ts.ScriptKind.TS;
  // No parent pointers from the parser: the walk below sets them as it goes (one walk over the tree
  // instead of two), and what reads them (the id-use classifier, node text) runs after the walk.
  const sourceFile = createSourceFile(source.path, source.text, PARSE_OPTIONS, false, scriptKind);
  const position = (offset: number): Position => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(offset);
    return { line: line + 1, column: character + 1 };
  };

  // Not in the public typings, but the parser records its errors here (typescript-eslint reads it too).
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] })
    .parseDiagnostics;
  if (diagnostics && diagnostics.length > 0) {
    const first = diagnostics[0];
    return {
      parseFailure: {
        start: position(first.start),
        message: flattenDiagnosticMessageText(first.messageText, ' '),
        count: diagnostics.length,
      },
    };
  }

  const { candidates, named, callsByName } = walk(sourceFile, options);
  const matches: Match[] = [];
  const records: TraceParamRecord[] = [];
  const matchOf = new Map<TraceParamRecord, number>();
  const where = (scope: readonly string[]) => (scope.length > 0 ? ` in \`${scope.join('.')}\`` : '');

  for (const candidate of candidates) {
    const { scope } = candidate;
    if ('param' in candidate) {
      // The parameter itself or a name destructured from it (`{ reqId }: Options`): the migration removes either.
      const { param, bound } = candidate;
      const record: TraceParamRecord = { param, name: bound.text, business: isBusinessParameter(param, bound.text, named.get(bound.text) ?? []) };
      records.push(record);
      // Keys of business data stay (the migration keeps them too); the gate does not flag them.
      if (record.business) continue;
      matchOf.set(record, matches.length);
      matches.push({
        ruleId: 'trace-params',
        start: position(bound.getStart(sourceFile)),
        end: position(bound.end),
        message: `Parameter \`${bound.text}\`${where(scope)} threads a request id by hand; read it from the trace context instead.`,
        scope,
        code: bound.text,
      });
      continue;
    }
    const { call: node } = candidate;
    const call = describeConsoleCall(node);
    if (call && (call.interpolation !== null || options.logScope === 'all')) {
      const start = node.getStart(sourceFile);
      matches.push({
        ruleId: 'structured-logs',
        start: position(start),
        end: position(node.end),
        message:
          call.interpolation !== null
            ? `\`console.${call.method}\`${where(scope)} interpolates values into its message (${call.interpolation}); log a constant message with structured fields instead.`
            : `\`console.${call.method}\`${where(scope)} writes an unstructured log line; use the structured log facade instead.`,
        scope,
        code: source.text.slice(start, node.end),
      });
    }
  }
  propagateBusinessIds(sourceFile, records, isConsoleCall, callsByName);
  const dropped = new Set(records.filter((r) => r.business && matchOf.has(r)).map((r) => matchOf.get(r)!));
  return { matches: dropped.size === 0 ? matches : matches.filter((_, i) => !dropped.has(i)) };
}

/**
 * One walk over the tree: sets each node's parent pointer (what `setParentNodes` would do) and
 * collects, in tree order, each trace parameter name bound and each console call, with the names
 * of the declarations around it, and what deciding business ids needs (so that nothing walks the
 * tree again). Reads no parent pointer above the node it is at.
 */
function walk(sourceFile: ts.SourceFile, options: ScanOptions): Walked {
  const candidates: Candidate[] = [];
  const named = new Map<string, ts.Identifier[]>();
  const callsByName = new Map<string, ts.CallExpression[]>();
  const scope: string[] = [];
  let parent: ts.Node = sourceFile;
  const visit = (node: ts.Node): void => {
    (node as { parent: ts.Node }).parent = parent;
    const name = declarationName(node, sourceFile);
    if (name !== undefined) scope.push(name);

    const kind = node.kind;
    if (kind === KIND_IDENTIFIER) {
      const text = (node as ts.Identifier).text;
      if (options.traceParamNames.has(text)) pushTo(named, text, node as ts.Identifier);
    } else if (kind === KIND_PARAMETER && isParameter(node)) {
      for (const bound of traceNamesBound(node.name, options.traceParamNames)) candidates.push({ param: node, bound, scope: [...scope] });
    } else if (kind === KIND_CALL && isCallExpression(node)) {
      if (consoleMethodOf(node) !== undefined) candidates.push({ call: node, scope: [...scope] });
      if (isIdentifier(node.expression)) pushTo(callsByName, node.expression.text, node);
    }

    const outer = parent;
    parent = node;
    forEachChild(node, visit);
    parent = outer;
    if (name !== undefined) scope.pop();
  };
  forEachChild(sourceFile, visit);
  return { candidates, named, callsByName };
}

const isConsoleCall = (call: ts.CallExpression) => consoleMethodOf(call) !== undefined;

/** The names a parameter binds that are trace parameter names (itself, or destructured from it). */
function traceNamesBound(binding: ts.BindingName, names: ReadonlySet<string>): ts.Identifier[] {
  if (isIdentifier(binding)) return names.has(binding.text) ? [binding] : [];
  return binding.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : traceNamesBound(element.name, names)));
}

/**
 * A parameter (or a name destructured from it) its own function uses as a business id (a key, a
 * comparison with data). `named`: the file's identifiers of that name.
 */
function isBusinessParameter(param: ts.ParameterDeclaration, name: string, named: readonly ts.Identifier[]): boolean {
  const body = (param.parent as ts.FunctionLikeDeclaration).body;
  return body !== undefined && idUsesAmong(named, name, body, isConsoleCall).some(isBusinessUse);
}

/** The name a node adds to the scope path of what is found inside it, if it declares one. */
function declarationName(node: ts.Node, sourceFile: ts.SourceFile): string | undefined {
  const naming = SCOPE_KINDS.get(node.kind);
  if (naming === undefined) return undefined;
  if (naming === 'constructor') return 'constructor';
  const name = nameText((node as ts.NamedDeclaration).name, sourceFile);
  return name === undefined && naming === 'name-or-default' ? 'default' : name;
}

function nameText(name: ts.Node | undefined, sourceFile: ts.SourceFile): string | undefined {
  if (name === undefined) return undefined;
  if (isIdentifier(name) || isPrivateIdentifier(name) || isStringLiteral(name) || isNumericLiteral(name)) {
    return name.text;
  }
  // Computed names and destructuring patterns: their code, whitespace collapsed.
  return name.getText(sourceFile).replace(/\s+/g, ' ');
}
