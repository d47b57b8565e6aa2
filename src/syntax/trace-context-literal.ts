// The context object a migrated site passes to `withTrace`: `{ correlationId: req.id }`, or the
// shorthand `{ correlationId }` when the value is a variable of the field's own name, as a person
// would write it (and as linters' object-shorthand rule asks).

/** `value`: the id expression's source text. */
export function traceContextLiteral(idField: string, value: string): string {
  return value === idField ? `{ ${idField} }` : `{ ${idField}: ${value} }`;
}
