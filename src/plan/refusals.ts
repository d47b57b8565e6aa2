// What planning leaves out because a later check refused it: parameter groups (the decision
// turns them into findings) and single rewrites (the rules leave those sites as they are).
import type { Component, Facts, Reason } from '../analyze/facts.js';
import { UnitSet, type EditUnit } from '../syntax/edit-unit.js';

export class Refusals {
  /** Parameter groups refused: component key → why. */
  readonly components = new Map<string, Reason>();
  /** Log and logger rewrites and origin contexts refused. */
  readonly rewrites = new UnitSet();

  constructor(private readonly facts: Facts) {}

  /** Refuses a unit; false when it was refused already (or names no known group). */
  refuse(unit: EditUnit, why: string): boolean {
    if (unit.kind !== 'trace-params') return this.rewrites.add(unit);
    if (this.components.has(unit.component)) return false;
    const component = this.componentOf(unit.component);
    if (!component) return false;
    this.components.set(unit.component, { node: component.slots[0]!.params[0]!.param, text: why, kind: 'manual' });
    return true;
  }

  isRefused(unit: EditUnit): boolean {
    return unit.kind === 'trace-params' ? this.components.has(unit.component) : this.rewrites.has(unit);
  }

  private componentOf(key: string): Component | undefined {
    return this.facts.components.find((c) => c.key === key);
  }
}
