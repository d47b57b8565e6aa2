// The verification stage: type-checks the planned edits in memory and refuses the units whose
// edits add errors, then plans again without them, until the edited program has no new errors.
// Damage stays contained: each error refuses the smallest scope of units that holds it (see
// blame.ts), never the whole run, so a large codebase keeps its safe edits.
import { ts } from '../syntax/typescript.js';
import type { DiskProbes } from '../project/disk-probes.js';
import type { Facts } from '../analyze/facts.js';
import type { Plan } from '../plan/build-plan.js';
import { Refusals } from '../plan/refusals.js';
import { mapEditedOffsetToOriginal } from '../syntax/text-edit.js';
import { emptySummary, type Finding } from '../report/report.js';
import { BLAME_SCOPES, unitsInScope, type BlameContext } from './blame.js';
import { partialCheckCandidates } from './check-regions.js';
import { ImportGraph } from './import-graph.js';
import { findNewTypeErrors, type NewTypeError } from './type-check.js';

/** Type checks of the edited program before giving up (each one refuses at least one more unit). */
const MAX_VERIFY_ROUNDS = 12;

export interface VerifyInput {
  facts: Facts;
  program: ts.Program;
  options: ts.CompilerOptions;
  /** What building the program learnt about the disk (see project/disk-probes.ts). */
  diskProbes?: DiskProbes;
  /** The plan for a set of refusals (called again after each refusal). */
  planWith: (refusals: Refusals) => Plan;
  /** Files the plan creates (the runtime modules it imports), path → text. */
  newFilesOf: (plan: Plan) => Map<string, string>;
  /** false: plan once and trust it (`--no-verify`). */
  verify: boolean;
  display: (absolute: string) => string;
  onProgress?: (done: number, total: number) => void;
}

export interface VerifiedPlan {
  plan: Plan;
  /** The new type errors that made the tool refuse units, as findings. */
  typeErrors: Finding[];
}

export function verifyPlan(input: VerifyInput): VerifiedPlan {
  const refusals = new Refusals(input.facts);
  const typeErrors: Finding[] = [];
  /** How far up the blame ladder each error (by file, code and message) has climbed. */
  const climbed = new Map<string, number>();
  let imports: ImportGraph | undefined;
  for (let round = 1; ; round++) {
    input.onProgress?.(round - 1, MAX_VERIFY_ROUNDS);
    const plan = input.planWith(refusals);
    if (!input.verify || plan.files.size === 0) return { plan, typeErrors };

    imports ??= new ImportGraph(input.program);
    const edited = new Map([...plan.files].map(([path, edits]) => [path, edits.result()]));
    const apiChanged = filesWithApiEdits(plan);
    const regions = partialCheckCandidates(plan, input.program, input.options, apiChanged, imports.importersClosure(apiChanged));
    const check = findNewTypeErrors(input.program, input.options, edited, input.newFilesOf(plan), imports, apiChanged, regions, input.diskProbes);
    if (check.errors.length === 0) return { plan, typeErrors };

    const context: BlameContext = { plan, facts: input.facts, edited: check.edited, imports };
    let refusedSome = false;
    for (const error of check.errors) {
      const finding = errorFinding(error, plan, input.program, input.display);
      if (!typeErrors.some((f) => f.file === finding.file && f.line === finding.line && f.message === finding.message)) typeErrors.push(finding);
      const key = `${error.file}\0${error.code}\0${error.message}`;
      const step = climbed.has(key) ? climbed.get(key)! + 1 : 0;
      const why = `the migrated code would not type-check (TS${error.code} at ${finding.file}:${finding.line})`;
      const refused = refuseSmallestScope(error, context, refusals, step, why);
      if (refused !== undefined) {
        climbed.set(key, refused);
        refusedSome = true;
      }
    }
    if (!refusedSome || round >= MAX_VERIFY_ROUNDS) {
      // Errors that no unit connected to their file accounts for (one in a new runtime module): the
      // last resort is to write nothing rather than code that does not compile.
      return { plan: { ...plan, files: new Map(), counts: emptySummary(), usedRuntimes: new Set() }, typeErrors };
    }
  }
}

/**
 * Files with edits that can change the types other files see. A log rewrite replaces one call with
 * another of the same result type (void, or the logger's own), so a file with nothing else needs
 * no check of its importers; parameter removals, context reads, origin and logger changes do.
 */
function filesWithApiEdits(plan: Plan): Set<string> {
  const files = new Set<string>();
  for (const [path, edits] of plan.files) {
    if (edits.all.some((edit) => edit.owners.some((unit) => unit.kind !== 'log'))) files.add(path);
  }
  return files;
}

/** Refuses the units of the first scope from `step` up that has some not refused yet; returns that step. */
function refuseSmallestScope(error: NewTypeError, context: BlameContext, refusals: Refusals, step: number, why: string): number | undefined {
  for (let i = step; i < BLAME_SCOPES.length; i++) {
    const refused = unitsInScope(BLAME_SCOPES[i]!, error, context).filter((unit) => refusals.refuse(unit, why));
    if (refused.length > 0) return i;
  }
  return undefined;
}

/** The error as a finding, at its place in the file as it is on disk now. */
function errorFinding(error: NewTypeError, plan: Plan, program: ts.Program, display: (absolute: string) => string): Finding {
  const edits = plan.files.get(error.file);
  const offset = edits ? mapEditedOffsetToOriginal(edits.all, error.start) : error.start;
  const sourceFile = program.getSourceFile(error.file);
  const { line, character } = sourceFile ? sourceFile.getLineAndCharacterOfPosition(Math.min(offset, sourceFile.text.length)) : { line: 0, character: 0 };
  return { ruleId: 'verify', kind: 'error', file: display(error.file), line: line + 1, column: character + 1, message: `edits refused: they would add TS${error.code}: ${error.message}` };
}
