// Runs the rules over the plan model and collects their edits, counts and findings: the Plan,
// plain data that both the writer and the dry-run diff read.
import { ts } from 'ts-morph';
import type { Config } from '../config/config.js';
import type { Decision } from '../analyze/decide.js';
import type { Component, Facts } from '../analyze/facts.js';
import { functionDisplayName } from '../analyze/function-likes.js';
import { addRuntimeImport } from '../apply/runtime-imports.js';
import { runtimeSpecifier } from '../apply/runtime-module.js';
import { emptySummary, type Summary } from '../report/report.js';
import { RULES } from '../rules/registry.js';
import type { FindingDraft, RuleContext } from '../rules/rule.js';
import { indentUnitOf, lineIndentAt } from '../rules/source-layout.js';
import { FileEdits } from './file-edits.js';
import type { PlanModel } from './plan-model.js';
import { RuntimeBindings } from './runtime-bindings.js';

export interface Plan {
  /** Edits per editable file that has any. */
  files: Map<string, FileEdits>;
  counts: Summary;
  findings: FindingDraft[];
  /** Whether any file now imports the runtime module. */
  usesRuntime: boolean;
}

export interface BuildPlanInput {
  config: Config;
  facts: Facts;
  decisions: Map<Component, Decision>;
  model: PlanModel;
  runtimePath: string;
  compilerOptions: ts.CompilerOptions;
  /** How paths appear in messages (relative to the working directory). */
  displayPath: (absolute: string) => string;
  /** Edit owners (log rewrites) an earlier type check refused: the rules leave them out. */
  refusedEdits?: ReadonlySet<string>;
}

export function buildPlan(input: BuildPlanInput): Plan {
  const { config, facts, model } = input;
  const files = new Map<string, FileEdits>();
  const bindings = new RuntimeBindings(input.runtimePath);
  const indentUnits = new Map<string, string>();
  const counts = emptySummary();
  const findings: FindingDraft[] = [];
  const ctx: RuleContext = {
    config,
    facts,
    model,
    edits(file) {
      let edits = files.get(file.fileName);
      if (!edits) {
        const editable = facts.editable.get(file.fileName);
        if (!editable) throw new Error(`internal: edit requested for a file that is not editable: ${file.fileName}`);
        edits = new FileEdits(editable.source);
        files.set(file.fileName, edits);
      }
      return edits;
    },
    runtimeName: (file, name) => bindings.name(file, name),
    isRefused: (owner) => input.refusedEdits?.has(owner) ?? false,
    indentAt: (file, pos) => lineIndentAt(file.text, pos),
    indentUnit(file) {
      let unit = indentUnits.get(file.fileName);
      if (unit === undefined) {
        unit = indentUnitOf(file.text);
        indentUnits.set(file.fileName, unit);
      }
      return unit;
    },
    counts,
    findings,
  };
  for (const rule of RULES) rule.apply(ctx);

  for (const [path, names] of bindings.usage()) {
    const { sourceFile } = facts.editable.get(path)!;
    const edits = ctx.edits(sourceFile);
    const owners = edits.ownersWithin(0, sourceFile.text.length);
    addRuntimeImport(sourceFile, edits, names, bindings.existingImport(sourceFile), runtimeSpecifier(sourceFile, input.runtimePath, input.compilerOptions), owners);
  }

  findings.push(...decisionFindings(input.decisions, input.displayPath));
  for (const [path, edits] of files) if (edits.all.length === 0) files.delete(path);
  return { files, counts, findings, usesRuntime: bindings.usage().size > 0 };
}

/** One finding per parameter that stays, with the first reason (and how many more). */
function decisionFindings(decisions: Map<Component, Decision>, displayPath: (absolute: string) => string): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const decision of decisions.values()) {
    if (decision.migrate) continue;
    const [first, ...others] = decision.reasons;
    if (!first) continue;
    const where = (node: ts.Node) => {
      const file = node.getSourceFile();
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
      return `${displayPath(file.fileName)}:${line + 1}`;
    };
    for (const slot of decision.component.slots) {
      for (const { fn, param } of slot.params) {
        if (!ts.isIdentifier(param.name) && !ts.isObjectBindingPattern(param.name)) continue;
        const more = others.length > 0 ? `; ${others.length} more reason${others.length > 1 ? 's' : ''}` : '';
        const verdict = first.kind === 'kept' ? 'is kept as a business id' : 'is not migrated';
        out.push({
          ruleId: 'trace-params',
          kind: first.kind,
          node: param,
          message: `\`${param.name.getText()}\` of \`${functionDisplayName(fn)}\` ${verdict}: ${first.text} (${where(first.node)}${more})`,
        });
      }
    }
  }
  return out;
}
