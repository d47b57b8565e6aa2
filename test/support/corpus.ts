// Generated corpora (bench/gen-corpus.mjs) as acceptance tests for the whole engine: how many
// trace parameters it migrates, whether every other one is reported with a reason, whether the
// result type-checks, whether any interpolated console call survives, and idempotence.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { defineConfig, migrate, type Report } from '../../src/index.js';

const REPO = new URL('../../', import.meta.url).pathname;
const TRACE_NAMES = ['reqId', 'requestId', 'correlationId'];

export function generateCorpus(dir: string, files: number, seed: number): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync(process.execPath, [join(REPO, 'bench/gen-corpus.mjs'), dir, '--files', String(files), '--seed', String(seed), '--force'], { stdio: 'pipe' });
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(dir, 'src'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|js)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** `path:line` of every identifier parameter with a trace name. */
export function traceParameters(dir: string): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(dir)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isParameter(node) && ts.isIdentifier(node.name) && TRACE_NAMES.includes(node.name.text)) {
        out.push(`${relative(dir, file)}:${source.getLineAndCharacterOfPosition(node.name.getStart(source)).line + 1}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

/** `path:line` of console calls that interpolate (template with values, `+`, extra arguments). */
export function interpolatedConsoleCalls(dir: string): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(dir)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.expression.getText(source) === 'console') {
        const [first, ...rest] = node.arguments;
        const interpolates = rest.length > 0 || (first && (ts.isTemplateExpression(first) || ts.isBinaryExpression(first)));
        if (interpolates) out.push(`${relative(dir, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

export function typeErrors(dir: string): string {
  try {
    execFileSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', dir], { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stdout?: Buffer }).stdout ?? error);
  }
}

export interface CorpusOutcome {
  before: number;
  remaining: string[];
  /** Remaining trace parameters without a manual/kept finding at their line. */
  unexplained: string[];
  report: Report;
}

export async function migrateCorpus(dir: string): Promise<CorpusOutcome> {
  const beforeParams = traceParameters(dir);
  const report = await migrate(defineConfig({ paths: [join(dir, 'src')], cwd: dir, force: true }));
  const remaining = traceParameters(dir);
  const explained = new Set(report.findings.filter((f) => f.kind === 'manual' || f.kind === 'kept').map((f) => `${f.file}:${f.line}`));
  return { before: beforeParams.length, remaining, unexplained: remaining.filter((p) => !explained.has(p)), report };
}
