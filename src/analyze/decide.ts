// Which trace parameters go. A component (slots connected by passing the id) carries one value:
// where it comes from is decided for the whole component — a value no trace origin accounts for
// stays everywhere. Which functions keep it is decided per slot: a slot whose own body needs the
// value as data (a key, a comparison, stored) or that cannot be edited safely keeps its
// parameter; every other slot of the component migrates, and calls into a kept slot pass the
// context's id (`traceId()`) where the id was.
import { slotParamName, type Component, type Facts, type Reason, type Slot } from './facts.js';
import type { TraceNames } from './trace-names.js';

export interface Decision {
  component: Component;
  /** Whether any slot of the component migrates. */
  migrate: boolean;
  /** Why nothing migrates (empty when something does). */
  reasons: Reason[];
  /** Slots that keep their parameter while the rest of the component migrates, with why. */
  kept: Map<Slot, Reason[]>;
  /**
   * The value is the request's trace id, whichever slots keep it: an origin that passes it to a
   * kept slot still gets its context (false when the value is, or may be, a business id).
   */
  traceValue: boolean;
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
  const refuse = (reasons: Reason[], traceValue = false): Decision => ({ component, migrate: false, reasons, kept: new Map(), traceValue });

  const forcedBusiness = component.slots.flatMap((slot) => slot.params).find((entry) => names.isForcedBusiness(slotParamName(entry)));
  if (forcedBusiness) return refuse([{ node: forcedBusiness.param, text: 'configured as not a trace id', kind: 'kept' }]);

  const exclusion = excluded.get(component.key);
  if (exclusion) return refuse([exclusion]);

  // Evidence of a business value comes first: such a parameter stays whatever else is true of it.
  const forcedTrace = paramNames.some((name) => names.isForcedTrace(name));
  const business = forcedTrace ? [] : component.slots.flatMap((slot) => slot.businessEvidence);
  const positive = business.filter((r) => !r.unproven);
  const blockers = component.slots.flatMap((slot) => slot.blockers);
  const allReasons = (): Reason[] => {
    if (positive.length > 0) return [...positive, ...business.filter((r) => r.unproven), ...blockers];
    if (blockers.length > 0) return [...blockers, ...business];
    return business;
  };
  // A caller passes a value no trace origin accounts for: it is one value, so it stays everywhere.
  if (business.some((r) => r.provenance)) return refuse(allReasons());

  const kept = new Map<Slot, Reason[]>();
  for (const slot of component.slots) {
    const own = [...(forcedTrace ? [] : slot.businessEvidence), ...slot.blockers];
    if (own.length > 0) kept.set(slot, own);
  }
  if (kept.size === 0) return { component, migrate: true, reasons: [], kept, traceValue: true };
  // Every slot keeps the id for its own use: the value is still the one origins make.
  if (kept.size === component.slots.length) return refuse(allReasons(), true);
  // Keeping some slots relies on the value being the request's trace id: a value used as data
  // whose origin no caller shows (no call passes an origin) may be a business id throughout.
  const proven = forcedTrace || component.slots.some((slot) => slot.incoming.some(({ value }) => value.kind === 'origin' || value.kind === 'origin-local'));
  // A call the analysis cannot link may still pass an origin: the value is a trace id where it goes.
  const passedOrigin = component.slots.some((slot) => slot.unlinkedIncoming.some(({ value }) => value.kind === 'origin' || value.kind === 'origin-local'));
  if (positive.length > 0 && !proven) return refuse(allReasons(), passedOrigin);
  return { component, migrate: true, reasons: [], kept, traceValue: true };
}
