// Who an edit belongs to: the unit of change that verification accepts or refuses as a whole.
// Units are data, never strings to split again: a function named `arrow function` or a path
// with spaces in it identifies its unit like any other.

export type EditUnit =
  /** A group of connected trace parameters (`Component.key`): removed together or not at all. */
  | { kind: 'trace-params'; component: string }
  /** One log call rewritten to its structured form. */
  | { kind: 'log'; file: string; start: number }
  /** One logger creation given the trace context. */
  | { kind: 'logger'; file: string; start: number }
  /** A trace context around the rest of the block of an origin local. */
  | { kind: 'origin'; file: string; pos: number };

export const traceParamsUnit = (component: string): EditUnit => ({ kind: 'trace-params', component });
export const logUnit = (file: string, start: number): EditUnit => ({ kind: 'log', file, start });
export const loggerUnit = (file: string, start: number): EditUnit => ({ kind: 'logger', file, start });
export const originUnit = (file: string, pos: number): EditUnit => ({ kind: 'origin', file, pos });

/** An identity for sets and maps (never parsed back). */
export function unitKey(unit: EditUnit): string {
  return JSON.stringify(unit.kind === 'trace-params' ? [unit.kind, unit.component] : [unit.kind, unit.file, unit.kind === 'origin' ? unit.pos : unit.start]);
}

/** Each unit once, in first-seen order. */
export function distinctUnits(units: Iterable<EditUnit>): EditUnit[] {
  const seen = new Map<string, EditUnit>();
  for (const unit of units) if (!seen.has(unitKey(unit))) seen.set(unitKey(unit), unit);
  return [...seen.values()];
}

/** A set of units (by identity, not object reference). */
export class UnitSet {
  private readonly units = new Map<string, EditUnit>();

  constructor(units: Iterable<EditUnit> = []) {
    for (const unit of units) this.add(unit);
  }

  has(unit: EditUnit): boolean {
    return this.units.has(unitKey(unit));
  }

  /** True when the unit was not in the set yet. */
  add(unit: EditUnit): boolean {
    const key = unitKey(unit);
    if (this.units.has(key)) return false;
    this.units.set(key, unit);
    return true;
  }

  get size(): number {
    return this.units.size;
  }

  [Symbol.iterator](): Iterator<EditUnit> {
    return this.units.values();
  }
}

/** How a unit appears in messages. */
export function describeUnit(unit: EditUnit): string {
  return unit.kind === 'trace-params' ? unit.component : `${unit.kind} at ${unit.file}:${unit.kind === 'origin' ? unit.pos : unit.start}`;
}
