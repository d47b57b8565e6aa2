// A check that decisions and edits agree: after a migration, no call still passes its arguments
// as if a removed parameter were there. Found by name over the syntax of the case before and
// after (independent of how the analysis linked the calls), so a call the analysis missed shows.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ts } from 'ts-morph';
import { isFunctionLike, referenceNameNode, walk } from '../../src/syntax/function-likes.js';

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

interface Declared {
  name: string;
  params: string[];
  rest: boolean;
}

interface Call {
  name: string;
  args: number;
  spread: boolean;
  text: string;
  line: number;
}

interface Scan {
  declared: Map<string, Declared[]>;
  /** Calls by file then callee name, in source order. */
  calls: Map<string, Map<string, Call[]>>;
}

/** Every source file under `dir` except node_modules. */
function sourceFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  visit(dir);
  return out;
}

function scan(dir: string): Scan {
  const declared = new Map<string, Declared[]>();
  const calls = new Map<string, Map<string, Call[]>>();
  for (const [path, text] of sourceFiles(dir)) {
    const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const byName = new Map<string, Call[]>();
    calls.set(path, byName);
    walk(file, (node) => {
      if (isFunctionLike(node)) {
        const nameNode = referenceNameNode(node);
        if (nameNode && (ts.isIdentifier(nameNode) || ts.isStringLiteral(nameNode))) {
          const params = node.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'));
          const entry = { name: nameNode.text, params: params.map((p) => p.name.getText()), rest: params.some((p) => !!p.dotDotDotToken) };
          declared.set(entry.name, [...(declared.get(entry.name) ?? []), entry]);
        }
      }
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
        if (name) {
          const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
          const call = { name, args: node.arguments.length, spread: node.arguments.some(ts.isSpreadElement), text: node.getText().replace(/\s+/g, ' ').slice(0, 80), line };
          byName.set(name, [...(byName.get(name) ?? []), call]);
        }
      }
      return true;
    });
  }
  return { declared, calls };
}

/**
 * Problems in `afterDir` (the migrated copy of `beforeDir`): calls of a function whose parameter
 * was removed that still pass the old number of arguments, or more than any declaration of
 * that name now takes. Empty when edits and call sites agree.
 */
export function argumentShifts(beforeDir: string, afterDir: string): string[] {
  const before = scan(beforeDir);
  const after = scan(afterDir);
  const problems: string[] = [];
  for (const [name, afterDeclarations] of after.declared) {
    const beforeDeclarations = before.declared.get(name) ?? [];
    if (beforeDeclarations.length !== afterDeclarations.length) continue;
    // Declarations of the name that lost a parameter, and the position it was at.
    const removedAt = afterDeclarations.map((decl, i) => {
      const old = beforeDeclarations[i]!;
      if (decl.params.length >= old.params.length) return undefined;
      const index = old.params.findIndex((param, j) => decl.params[j] !== param);
      return index < 0 ? old.params.length - 1 : index;
    });
    if (removedAt.every((index) => index === undefined)) continue;
    const everyOneLost = removedAt.every((index) => index !== undefined);
    const firstRemoved = Math.min(...removedAt.filter((i): i is number => i !== undefined));
    const widest = afterDeclarations.some((d) => d.rest) ? Infinity : Math.max(...afterDeclarations.map((d) => d.params.length));
    for (const [path, byName] of after.calls) {
      if (!before.calls.has(path)) continue; // files the run added (its runtime module)
      const afterCalls = byName.get(name) ?? [];
      const beforeCalls = before.calls.get(path)?.get(name) ?? [];
      afterCalls.forEach((call, i) => {
        const old = beforeCalls[i];
        const where = `${path}:${call.line} \`${call.text}\``;
        if (!call.spread && call.args > widest) problems.push(`${where} passes ${call.args} arguments; every \`${name}\` now takes at most ${widest}`);
        // A function with a rest parameter (a log function) takes any count: a call the log rule
        // rewrote (message and fields for the id and message) may keep its count without the id.
        else if (everyOneLost && old && beforeCalls.length === afterCalls.length && !old.spread && old.args > firstRemoved && old.args === call.args && !(widest === Infinity && old.text !== call.text)) {
          problems.push(`${where} still passes ${call.args} arguments, as before \`${name}\` lost its parameter ${firstRemoved + 1}`);
        }
      });
    }
  }
  return problems;
}
