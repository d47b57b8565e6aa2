// One line per rule id that can appear in findings, for formats that describe their rules (SARIF).
// test/report/rule-descriptions.test.ts checks every registered rule has one.

export const RULE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'trace-params': 'A request id threaded by hand through a parameter (migrated, kept as a business id, or left for a person with the reason).',
  'context-reads': 'A removed trace parameter used for more than logging reads the current trace context instead.',
  'origin-calls': 'A call that receives a freshly born trace id runs inside withTrace.',
  'origin-scopes': 'The statements after a local holding a fresh trace id run inside withTrace.',
  'structured-logs': 'A console or logger call that interpolates values becomes a structured call with a constant message and named fields.',
  'logger-context': 'A pino or winston logger created in the migrated code injects the trace context into its records.',
  project: 'A file that could not be read, parsed or selected.',
  verify: 'An edit the type check refused because the migrated code would not compile.',
};
