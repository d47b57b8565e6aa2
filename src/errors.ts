// Errors that stop a run before it starts (bad flags, bad config, a path that does not exist).
// Everything else becomes a finding in the report and the run goes on.
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
