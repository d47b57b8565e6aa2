// Header and field names that carry a request id: a value sent under one of them is sent as a trace id.

/** Header names that carry a trace or correlation id (lower case). */
export const TRACE_HEADER_NAMES: ReadonlySet<string> = new Set([
  'x-request-id',
  'x-correlation-id',
  'x-trace-id',
  'request-id',
  'correlation-id',
  'traceparent',
  'x-amzn-trace-id',
  'x-b3-traceid',
]);

/** Property names that are unambiguously trace ids wherever they appear. */
export const UNAMBIGUOUS_TRACE_FIELDS: ReadonlySet<string> = new Set([
  'traceId',
  'trace_id',
  'correlationId',
  'correlation_id',
  'xRequestId',
  'traceparent',
]);

/**
 * Property names that are trace ids only on carriers of trace context (a job, a message, an
 * event, a context object): `job.requestId` yes, `leave.requestId` no.
 */
export const AMBIGUOUS_TRACE_FIELDS: ReadonlySet<string> = new Set(['reqId', 'requestId', 'req_id', 'request_id']);

/** A field named like a trace id (`requestId`, `correlation_id`): an id sent under it is sent as a trace id. */
export function isTraceFieldName(name: string): boolean {
  return UNAMBIGUOUS_TRACE_FIELDS.has(name) || AMBIGUOUS_TRACE_FIELDS.has(name);
}
