// Every rewrite rule, in the order they run. Order matters: a rule may cover (and render into
// its own text) the edits of the rules before it — context reads and argument removals inside a
// log call, logs inside a wrapped scope — never the other way round.
import { contextReads } from './context-reads.js';
import { loggerContext } from './logger-context.js';
import { originCalls } from './origin-calls.js';
import { originScopes } from './origin-scopes.js';
import type { Rule } from './rule.js';
import { structuredLogs } from './structured-logs.js';
import { traceParams } from './trace-params.js';

export const RULES: readonly Rule[] = [contextReads, originCalls, traceParams, structuredLogs, loggerContext, originScopes];
