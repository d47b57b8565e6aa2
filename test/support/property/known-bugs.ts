// Generator features switched off because they find a bug that is not fixed yet. Each switch is
// named for the bug it hides; set it to true (the feature is generated again) once the bug is fixed.
import { ALL_FEATURES, type GeneratorFeatures } from './generate-program.js';

/**
 * A function keeps its id because its caller passes the id on as a business value (here: into a
 * parameter not named like an id); then the origin is not wrapped in withTrace, and the kept
 * function's converted log, `log.error('[{req_id}] charged', { req_id })`, has no correlationId
 * where the old line began with `[<id>] ` (seed 117). Origins/minimal keeping decide this.
 */
export const KNOWN_BUG_KEPT_ID_LOGGED_WITHOUT_CORRELATION_ID_FIXED = true;

/**
 * The same bug reached another way: a call the analysis cannot link (an expando method on an
 * exported, class-typed instance in ESM) keeps its callee's id, and the callee's name reads as a
 * key use (`billingClient.chargeLock(reqId)`), so the caller's fresh id counts as a lock key: its
 * origin is not wrapped in withTrace and the caller's own converted log has no correlationId
 * (seeds 18, 32, 95 … of 1..200 on main at b8efbec). No argument shifts.
 */
export const KNOWN_BUG_KEY_NAMED_UNLINKED_CALL_LOGGED_WITHOUT_CORRELATION_ID_FIXED = true;

/**
 * An ESM module's exported class instance with an expando method (`export const c = new C();
 * c.m = function (traceId) { … }`) is called through a namespace import the analysis cannot link,
 * so the method keeps its id (safe: no argument shifts); but when the caller passes its fresh id
 * straight in without logging it, the origin is not wrapped in withTrace and the method's log has
 * no correlationId (seeds 190, 71, 122, 180 of 1..200 on main at 06:18). The CommonJS shape of
 * issue 8 (`module.exports = instance`) stays on.
 */
export const KNOWN_BUG_UNLINKED_ESM_EXPANDO_ORIGIN_NOT_WRAPPED_FIXED = true;

/** The features the CI property test generates: everything but the shapes of unfixed bugs. */
export const PROPERTY_FEATURES: GeneratorFeatures = {
  ...ALL_FEATURES,
  idIntoBusinessParam: KNOWN_BUG_KEPT_ID_LOGGED_WITHOUT_CORRELATION_ID_FIXED,
  // The same bug when one caller passes a literal (`reserveAccount("job-7")`), so the group keeps
  // its id, and another passes `randomUUID()` inline: that origin is not wrapped (seeds 71, 122, 180).
  literalIntoTraceParam: KNOWN_BUG_KEPT_ID_LOGGED_WITHOUT_CORRELATION_ID_FIXED,
  esmExpandoMethods: KNOWN_BUG_UNLINKED_ESM_EXPANDO_ORIGIN_NOT_WRAPPED_FIXED,
  keyNamedFunctions: KNOWN_BUG_KEY_NAMED_UNLINKED_CALL_LOGGED_WITHOUT_CORRELATION_ID_FIXED,
};
