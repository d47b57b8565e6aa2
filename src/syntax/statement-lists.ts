// The nodes that hold a list of statements: what a statement-level edit, check or layout is relative to.
import { ts } from './typescript.js';

export type StatementList = ts.SourceFile | ts.Block | ts.ModuleBlock | ts.CaseOrDefaultClause;

export function isStatementList(node: ts.Node | undefined): node is StatementList {
  return node !== undefined && (ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseOrDefaultClause(node));
}
