// Header names that carry a request id: a value sent under one of them is sent as a trace id.

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
