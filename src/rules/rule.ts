// The contract every rewrite rule follows: read facts and the plan model, add edits to the
// files they touch, count what they did, and record what they could not do.
import type { ts } from '../syntax/typescript.js';
import type { Config } from '../config/config.js';
import type { Facts } from '../analyze/facts.js';
import type { PlanModel } from '../analyze/plan-model.js';
import type { FileEdits } from '../syntax/file-edits.js';
import type { EditUnit } from '../syntax/edit-unit.js';
import type { FindingKind, Summary } from '../report/report.js';
import type { RuntimeExport } from '../runtime/runtime-options.js';

export interface FindingDraft {
  ruleId: string;
  kind: FindingKind;
  node: ts.Node;
  message: string;
}

export interface RuleContext {
  config: Config;
  facts: Facts;
  model: PlanModel;
  /** The edits of an editable file (created on first use). */
  edits(file: ts.SourceFile): FileEdits;
  /** The local name under which `file` imports a runtime export (recorded for the import). */
  runtimeName(file: ts.SourceFile, name: RuntimeExport): string;
  /** An edit owner whose edits an earlier type check refused (the rule leaves that site as it is). */
  isRefused(unit: EditUnit): boolean;
  /** Indentation of the line containing `pos`, as it will be after the planned scope wraps. */
  indentAt(file: ts.SourceFile, pos: number): string;
  indentUnit(file: ts.SourceFile): string;
  counts: Summary;
  findings: FindingDraft[];
}

export interface Rule {
  /** Equal to the rule's file name (src/rules/<id>.ts) and its fixtures folder. */
  id: string;
  /** One line for the README and --help. */
  description: string;
  apply(ctx: RuleContext): void;
}
