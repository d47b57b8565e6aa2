// The plan for a set of refusals: decisions, the plan model and the rules' edits, all rebuilt
// from the same facts (refusing one unit changes what others do: a log keeps an id field when
// its parameter stays). Groups the model finds impossible, and rewrites whose edits collide,
// are refused here and planning starts again.
import type { Facts } from '../analyze/facts.js';
import { decide } from '../analyze/decide.js';
import type { TraceNames } from '../analyze/trace-names.js';
import { buildPlan, type BuildPlanInput, type Plan } from './build-plan.js';
import { derivePlanModel } from '../analyze/plan-model.js';
import type { Refusals } from './refusals.js';
import { OverlappingEditsError } from '../syntax/text-edit.js';

export type PlanSettings = Omit<BuildPlanInput, 'decisions' | 'model' | 'refusals' | 'facts'> & { names: TraceNames };

export function planWithRefusals(facts: Facts, settings: PlanSettings, refusals: Refusals): Plan {
  for (;;) {
    const decisions = decide(facts, { names: settings.names, excluded: refusals.components });
    const model = derivePlanModel(facts, decisions);
    if (model.newExclusions.size > 0) {
      for (const [key, reason] of model.newExclusions) refusals.components.set(key, reason);
      continue;
    }
    try {
      return buildPlan({ ...settings, facts, decisions, model, refusals });
    } catch (error) {
      if (!(error instanceof OverlappingEditsError)) throw error;
      // A bug in a rule shows as colliding edits: those units stay as they are, the rest goes on.
      const colliding = [...error.first.owners, ...error.second.owners];
      const refusedSome = colliding.map((unit) => refusals.refuse(unit, 'its edits collide with another rewrite; migrate it by hand')).some(Boolean);
      if (!refusedSome) throw error;
    }
  }
}
