// Which components are migrated. A component (slots connected by passing the id) is migrated
// only when nothing blocks any of its members and no evidence says the value is a business id.
import { slotParamName, type Component, type Facts, type Reason } from './facts.js';
import type { TraceNames } from './trace-names.js';

export interface Decision {
  component: Component;
  migrate: boolean;
  /** Why not (empty when migrated). */
  reasons: Reason[];
}

export interface DecideOptions {
  names: TraceNames;
  /** Components refused after planning (e.g. their edits did not type-check): key → reason. */
  excluded: ReadonlyMap<string, Reason>;
}

export function decide(facts: Facts, options: DecideOptions): Map<Component, Decision> {
  const decisions = new Map<Component, Decision>();
  for (const component of facts.components) {
    decisions.set(component, decideComponent(component, options));
  }
  return decisions;
}

function decideComponent(component: Component, { names, excluded }: DecideOptions): Decision {
  const paramNames = component.slots.flatMap((slot) => slot.params.map(slotParamName));
  const refuse = (reasons: Reason[]): Decision => ({ component, migrate: false, reasons });

  const forcedBusiness = component.slots.flatMap((slot) => slot.params).find((entry) => names.isForcedBusiness(slotParamName(entry)));
  if (forcedBusiness) return refuse([{ node: forcedBusiness.param, text: 'configured as not a trace id', kind: 'kept' }]);

  const exclusion = excluded.get(component.key);
  if (exclusion) return refuse([exclusion]);

  // Evidence of a business value comes first: such a parameter stays whatever else is true of it.
  const forcedTrace = paramNames.some((name) => names.isForcedTrace(name));
  const business = forcedTrace ? [] : component.slots.flatMap((slot) => slot.businessEvidence);
  const positive = business.filter((r) => !r.unproven);
  const blockers = component.slots.flatMap((slot) => slot.blockers);
  if (positive.length > 0) return refuse([...positive, ...business.filter((r) => r.unproven), ...blockers]);
  if (blockers.length > 0) return refuse([...blockers, ...business]);
  if (business.length > 0) return refuse(business);

  return { component, migrate: true, reasons: [] };
}
