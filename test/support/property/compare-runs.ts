// Compares what a program did before and after the migration: every function's received arguments
// (its id left out by the instrumentation) in call order, and every log record: level, text with
// the fields put back into the message, and, where the old line began with `[id] `, the new
// record's correlation id.
import { renderStructured, type Level } from '../log-records.js';

export interface OutputRecord {
  kind: 'console' | 'write';
  method?: string;
  stream?: 'stdout' | 'stderr';
  text: string;
}

export interface ProgramRun {
  main: string;
  calls: { unit: string; args: string }[];
  output: OutputRecord[];
  error: string | null;
}

interface LogEntry {
  level: Level | string;
  /** The `[id]` of an old line, or the correlation id of a new record. */
  id: string | undefined;
  text: string;
}

const ID_PREFIX = /^\[([^\]]*)\] /;
const LEVEL_OF_METHOD: Record<string, Level> = { log: 'info', info: 'info', debug: 'debug', warn: 'warn', error: 'error' };

function entryOf(record: OutputRecord, idField: string): LogEntry {
  if (record.kind === 'console') {
    const prefix = ID_PREFIX.exec(record.text);
    return {
      level: LEVEL_OF_METHOD[record.method ?? 'log'] ?? String(record.method),
      id: prefix?.[1],
      text: prefix ? record.text.slice(prefix[0].length) : record.text,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(record.text);
  } catch {
    return { level: `raw ${record.stream}`, id: undefined, text: record.text };
  }
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { msg?: unknown }).msg !== 'string') {
    return { level: `raw ${record.stream}`, id: undefined, text: record.text };
  }
  const fields = parsed as Record<string, unknown>;
  const id = typeof fields[idField] === 'string' ? (fields[idField] as string) : undefined;
  // A kept id logged as its own `[{requestId}] ` field (the function cannot prove its callers' context
  // holds that id) says the same as the record's correlation id when the two are equal.
  let text = renderStructured(fields);
  const prefix = ID_PREFIX.exec(text);
  if (prefix && id !== undefined && prefix[1] === id) text = text.slice(prefix[0].length);
  return { level: String(fields.level), id, text };
}

/** Differences between the two runs of one program; empty when it behaved the same. */
export function compareRuns(before: ProgramRun, after: ProgramRun, idField = 'correlationId'): string[] {
  const differences: string[] = [];
  if (before.error) differences.push(`the original program failed (a generator bug): ${before.error}`);
  if (after.error) differences.push(`the migrated program failed: ${after.error}`);

  const callsOf = (run: ProgramRun) => {
    const byUnit = new Map<string, string[]>();
    for (const call of run.calls) byUnit.set(call.unit, [...(byUnit.get(call.unit) ?? []), call.args]);
    return byUnit;
  };
  const oldCalls = callsOf(before);
  const newCalls = callsOf(after);
  for (const unit of new Set([...oldCalls.keys(), ...newCalls.keys()])) {
    const was = oldCalls.get(unit) ?? [];
    const now = newCalls.get(unit) ?? [];
    for (let i = 0; i < Math.max(was.length, now.length); i++) {
      if (was[i] !== now[i]) differences.push(`${unit} call ${i + 1}: received ${was[i] ?? '(no call)'} before, ${now[i] ?? '(no call)'} after`);
    }
  }

  const oldLogs = before.output.map((record) => entryOf(record, idField));
  const newLogs = after.output.map((record) => entryOf(record, idField));
  for (let i = 0; i < Math.max(oldLogs.length, newLogs.length); i++) {
    const was = oldLogs[i];
    const now = newLogs[i];
    const show = (entry: LogEntry | undefined) => (entry ? `${entry.level} [${entry.id ?? 'no id'}] ${entry.text}` : '(no record)');
    const same = was && now && was.level === now.level && (sameLine(was, now) || literalIdKeptInText(was, now));
    if (!same) differences.push(`log ${i + 1}: ${show(was)} before, ${show(now)} after`);
  }
  return differences;
}

function sameLine(was: LogEntry, now: LogEntry): boolean {
  return was.text === now.text && (was.id === undefined || was.id === now.id);
}

/** Ids the programs make at their origins (randomUUID, made deterministic by the harness). */
const GENERATED_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A literal passed where an id goes (`fetchAccount("job-7")`) is no trace id: no context may be
 * invented for it, and the line keeps it in its text (`[{correlationIdValue}] …`), as the same words,
 * whatever context the line runs in.
 */
function literalIdKeptInText(was: LogEntry, now: LogEntry): boolean {
  return was.id !== undefined && !GENERATED_ID.test(was.id) && now.text === `[${was.id}] ${was.text}`;
}
