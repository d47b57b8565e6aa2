// Pure functions that turn the example app's output lines into comparable log entries: the old
// text lines (`[id] text`) and the migrated JSON records, reduced to the same shape so a test can
// check that every request logged the same things before and after the migration.

export type Stream = 'stdout' | 'stderr';
export type Level = 'debug' | 'info' | 'warn' | 'error';
export type ConsoleMethod = 'log' | 'info' | 'debug' | 'warn' | 'error';

/** One line of the original app's output. `id` is undefined when the line has no `[id] ` prefix. */
export interface TextLogRecord {
  id: string | undefined;
  /** The line after the `[id] ` prefix (the whole line when there is none). */
  text: string;
  stream: Stream;
  line: string;
}

/** One line of the migrated app's output. `record` is null when the line is not a JSON object. */
export interface JsonLogLine {
  record: Record<string, unknown> | null;
  stream: Stream;
  line: string;
}

/** Which console method wrote a line of the original app (recorded by console-tap.mjs). */
export interface ConsoleCall {
  method: ConsoleMethod;
  line: string;
}

/** What a request logged, in a shape both the old and the migrated output reduce to. */
export interface LogEntry {
  id: string;
  stream: Stream;
  level: Level;
  text: string;
}

const ID_PREFIX = /^\[([^\]]*)\] /;
const PLACEHOLDER = /\{([A-Za-z_$][\w$]*)\}/g;

export function parseTextLogs(lines: readonly string[], stream: Stream): TextLogRecord[] {
  return lines.map((line) => {
    const prefix = ID_PREFIX.exec(line);
    return prefix
      ? { id: prefix[1], text: line.slice(prefix[0].length), stream, line }
      : { id: undefined, text: line, stream, line };
  });
}

export function parseJsonLogs(lines: readonly string[], stream: Stream): JsonLogLine[] {
  return lines.map((line) => ({ record: parseJsonObject(line), stream, line }));
}

function parseJsonObject(line: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The text the old code would have printed: `msg` with each `{name}` replaced by the record's
 * field of that name. A placeholder without a field stays as it is, so the comparison fails.
 * Replacement is one pass: a value that itself contains `{x}` is not substituted again.
 */
export function renderStructured(record: Record<string, unknown>): string {
  const { msg } = record;
  if (typeof msg !== 'string') throw new TypeError(`log record has no string msg: ${JSON.stringify(record)}`);
  return msg.replace(PLACEHOLDER, (placeholder, name: string) =>
    Object.hasOwn(record, name) ? renderValue(record[name]) : placeholder,
  );
}

/** How a template literal shows the value: objects and arrays were logged through JSON.stringify. */
function renderValue(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

const LEVEL_OF_METHOD: Record<ConsoleMethod, Level> = {
  log: 'info',
  info: 'info',
  debug: 'debug',
  warn: 'warn',
  error: 'error',
};

const STREAM_OF_METHOD: Record<ConsoleMethod, Stream> = {
  log: 'stdout',
  info: 'stdout',
  debug: 'stdout',
  warn: 'stderr',
  error: 'stderr',
};

export function levelOfConsoleMethod(method: ConsoleMethod): Level {
  return LEVEL_OF_METHOD[method];
}

/**
 * The original app's request logs as entries: each `[id] text` line with the level its console
 * method maps to. Lines without an id prefix, or with no matching console call, are problems.
 */
export function entriesFromTextLogs(
  records: readonly TextLogRecord[],
  calls: readonly ConsoleCall[],
): { entries: LogEntry[]; problems: string[] } {
  const methodsByLine = new Map<string, ConsoleMethod[]>();
  for (const call of calls) {
    const key = `${STREAM_OF_METHOD[call.method]}\n${call.line}`;
    methodsByLine.set(key, [...(methodsByLine.get(key) ?? []), call.method]);
  }
  const entries: LogEntry[] = [];
  const problems: string[] = [];
  for (const record of records) {
    const method = methodsByLine.get(`${record.stream}\n${record.line}`)?.shift();
    if (record.id === undefined) problems.push(`${record.stream}: no [id] prefix: ${record.line}`);
    else if (method === undefined) problems.push(`${record.stream}: no console call wrote: ${record.line}`);
    else entries.push({ id: record.id, stream: record.stream, level: levelOfConsoleMethod(method), text: record.text });
  }
  return { entries, problems };
}

const LEVELS: readonly string[] = ['debug', 'info', 'warn', 'error'];

/**
 * The migrated app's records as entries (`text` rendered back from msg and fields). Lines that are
 * not JSON, lack a string correlation id, or carry an unknown level are problems.
 */
export function entriesFromJsonLogs(lines: readonly JsonLogLine[], idField = 'correlationId'): { entries: LogEntry[]; problems: string[] } {
  const entries: LogEntry[] = [];
  const problems: string[] = [];
  for (const { record, stream, line } of lines) {
    if (record === null) problems.push(`${stream}: not a JSON object: ${line}`);
    else if (typeof record[idField] !== 'string') problems.push(`${stream}: no ${idField}: ${line}`);
    else if (typeof record.level !== 'string' || !LEVELS.includes(record.level)) problems.push(`${stream}: bad level: ${line}`);
    else if (typeof record.msg !== 'string') problems.push(`${stream}: no msg: ${line}`);
    else entries.push({ id: record[idField] as string, stream, level: record.level as Level, text: renderStructured(record) });
  }
  return { entries, problems };
}

/**
 * Differences between two multisets of entries, per request id: what `expected` has that `actual`
 * lacks ("missing") and the reverse ("unexpected"). Empty when both logged exactly the same.
 */
export function diffEntriesById(expected: readonly LogEntry[], actual: readonly LogEntry[]): string[] {
  const remaining = new Map<string, number>();
  const keyOf = (entry: LogEntry) => JSON.stringify([entry.id, entry.stream, entry.level, entry.text]);
  for (const entry of expected) remaining.set(keyOf(entry), (remaining.get(keyOf(entry)) ?? 0) + 1);
  const differences: string[] = [];
  for (const entry of actual) {
    const count = remaining.get(keyOf(entry)) ?? 0;
    if (count > 0) remaining.set(keyOf(entry), count - 1);
    else differences.push(`unexpected ${keyOf(entry)}`);
  }
  for (const [key, count] of remaining) {
    for (let i = 0; i < count; i++) differences.push(`missing ${key}`);
  }
  return differences.sort();
}
