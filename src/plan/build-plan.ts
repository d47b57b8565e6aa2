// Runs the rules over the plan model and collects their edits, counts and findings: the Plan,
// plain data that both the writer and the dry-run diff read.
import { ts } from '../syntax/typescript.js';
import type { Config } from '../config/config.js';
import type { Decision } from '../analyze/decide.js';
import { slotParamName, type Component, type Facts, type Reason } from '../analyze/facts.js';
import { functionDisplayName } from '../syntax/function-likes.js';
import { addRuntimeImport } from './runtime-imports.js';
import { runtimeSpecifier } from './runtime-module.js';
import { emptySummary, type Summary } from '../report/report.js';
import { RULES } from '../rules/registry.js';
import type { FindingDraft, RuleContext } from '../rules/rule.js';
import { indentUnitOf, lineIndentAt } from '../syntax/source-layout.js';
import { FileEdits } from '../syntax/file-edits.js';
import type { PlanModel } from '../analyze/plan-model.js';
import type { Refusals } from './refusals.js';
import { RuntimeBindings } from './runtime-bindings.js';

export interface Plan {
  /** Edits per editable file that has any. */
  files: Map<string, FileEdits>;
  counts: Summary;
  findings: FindingDraft[];
  /** Runtime modules (paths) some file now imports. */
  usedRuntimes: Set<string>;
}

export interface BuildPlanInput {
  config: Config;
  facts: Facts;
  decisions: Map<Component, Decision>;
  model: PlanModel;
  /** The runtime module a file imports (one per package). */
  runtimePathFor: (filePath: string) => string;
  compilerOptions: ts.CompilerOptions;
  /** How paths appear in messages (relative to the working directory). */
  displayPath: (absolute: string) => string;
  /** Units an earlier check refused: the rules leave those sites as they are. */
  refusals?: Pick<Refusals, 'isRefused'>;
}

export function buildPlan(input: BuildPlanInput): Plan {
  const { config, facts, model } = input;
  const files = new Map<string, FileEdits>();
  const bindings = new RuntimeBindings(input.runtimePathFor);
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
    isRefused: (unit) => input.refusals?.isRefused(unit) ?? false,
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

  const usedRuntimes = new Set<string>();
  for (const [path, allNames] of bindings.usage()) {
    const { sourceFile } = facts.editable.get(path)!;
    const edits = ctx.edits(sourceFile);
    // A rule may have used a name in text that a later, covering edit removed again.
    const finalText = edits.all.map((e) => e.text).join('\n');
    const names = new Map([...allNames].filter(([, local]) => new RegExp(`\\b${local}\\b`).test(finalText)));
    if (names.size === 0) continue;
    const runtimePath = input.runtimePathFor(path);
    usedRuntimes.add(runtimePath);
    addRuntimeImport(sourceFile, edits, names, bindings.existingImport(sourceFile), runtimeSpecifier(sourceFile, runtimePath, input.compilerOptions));
  }

  findings.push(...decisionFindings(input.decisions, input.displayPath, (node) => facts.editable.has(node.getSourceFile().fileName)));
  for (const [path, edits] of files) if (edits.all.length === 0) files.delete(path);
  return { files, counts, findings, usedRuntimes };
}

/** Whether a component has a parameter, or a call passing it, in the files the run may edit. */
function touchesAnalysedFiles(component: Component, isEditable: (node: ts.Node) => boolean): boolean {
  return component.slots.some(
    (slot) => slot.params.some((entry) => isEditable(entry.fn)) || slot.incoming.some(({ site }) => isEditable(site.call)) || slot.unlinkedIncoming.some(({ call }) => isEditable(call)),
  );
}

/**
 * One finding per parameter that stays: its own first reason when it has one, else the reason of
 * the function it shares the id with (connected parameters stay or go together).
 */
function decisionFindings(decisions: Map<Component, Decision>, displayPath: (absolute: string) => string, isEditable: (node: ts.Node) => boolean): FindingDraft[] {
  const out: FindingDraft[] = [];
  const where = (node: ts.Node) => {
    const file = node.getSourceFile();
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    return `${displayPath(file.fileName)}:${line + 1}`;
  };
  for (const decision of decisions.values()) {
    // The rest of the component migrates: each kept function with the one use that keeps it.
    for (const [slot, reasons] of decision.kept) {
      const reason = reasons[0]!;
      for (const entry of slot.params) {
        const verdict = reason.kind === 'manual' ? 'is not migrated' : 'is kept';
        out.push({
          ruleId: 'trace-params',
          kind: reason.kind,
          node: entry.binding ?? entry.param,
          message: `\`${slotParamName(entry)}\` of \`${functionDisplayName(entry.fn)}\` ${verdict}: ${reason.text} (${where(reason.node)}); the functions it shares the id with migrate`,
        });
      }
    }
    if (decision.migrate || decision.reasons.length === 0) continue;
    // Code the run does not cover (a sibling package a path alias brings into the program), with no
    // call from the covered files: nothing there is the user's to migrate.
    if (!touchesAnalysedFiles(decision.component, isEditable)) continue;
    for (const slot of decision.component.slots) {
      for (const entry of slot.params) {
        const { fn, param, binding } = entry;
        const slotReasons = new Set([...slot.blockers, ...slot.businessEvidence]);
        const own = decision.reasons.filter((r) => slotReasons.has(r));
        const reasons = own.length > 0 ? own : decision.reasons;
        const reason = reasons[0]!;
        const verdict = reason.kind === 'manual' ? 'is not migrated' : reason.unproven ? 'is kept (not proven a trace id)' : 'is kept as a business id';
        const owner = own.length > 0 ? undefined : ownerOf(reason, decision.component);
        const text = owner ? `it shares the id with \`${owner}\`, which stays: ${reason.text}` : reason.text;
        // The next reasons too (up to two), so a reviewer sees the whole picture in any format.
        const also = reasons.slice(1, 3).map((r) => `; also ${r.text} (${where(r.node)})`).join('');
        const rest = reasons.length > 3 ? `; and ${reasons.length - 3} more` : '';
        out.push({
          ruleId: 'trace-params',
          kind: reason.kind,
          node: binding ?? param,
          message: `\`${slotParamName(entry)}\` of \`${functionDisplayName(fn)}\` ${verdict}: ${text} (${where(reason.node)})${also}${rest}`,
        });
      }
    }
  }
  return out;
}

/** The function whose parameter a reason is about (the first member of the slot that has it). */
function ownerOf(reason: Reason, component: Component): string | undefined {
  const slot = component.slots.find((s) => s.blockers.includes(reason) || s.businessEvidence.includes(reason));
  const first = slot?.params[0];
  return first ? functionDisplayName(first.fn) : undefined;
}
