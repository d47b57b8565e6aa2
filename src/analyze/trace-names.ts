// Which names may carry a request id. A name match is necessary, never sufficient: the
// classification (classify-slots.ts) decides with evidence.
import type { Config } from '../config/config.js';

export interface TraceNames {
  /** Parameter names that make a function a candidate. */
  isCandidateParam(name: string): boolean;
  /** Names the user forced either way. */
  isForcedTrace(name: string): boolean;
  isForcedBusiness(name: string): boolean;
}

export function traceNamesFrom(config: Config): TraceNames {
  const forcedTrace = new Set(config.forceTraceParams);
  const forcedBusiness = new Set(config.notTraceParams);
  const candidates = new Set([...config.traceParamNames, ...config.forceTraceParams]);
  return {
    isCandidateParam: (name) => candidates.has(name),
    isForcedTrace: (name) => forcedTrace.has(name),
    isForcedBusiness: (name) => forcedBusiness.has(name),
  };
}

export { AMBIGUOUS_TRACE_FIELDS, TRACE_HEADER_NAMES, UNAMBIGUOUS_TRACE_FIELDS } from '../syntax/trace-headers.js';

export const TRACE_CARRIER_NAME = /(^|[a-z_])(job|payload|message|msg|event|evt|ctx|context|meta|metadata|headers|attributes|envelope|task|trace|span|carrier|req|request|state|locals)s?$/i;

/** Receivers whose plain `id` is the request id (Fastify's `request.id`, express-request-id's `req.id`). */
export const REQUEST_OBJECT_NAME = /^(req|request|incomingRequest|httpRequest)$/i;
