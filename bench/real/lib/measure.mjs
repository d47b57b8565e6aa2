// Compares the before and after scans and the tool's JSON report into the figures of one table row.
import { shortName } from './scan.mjs';

const functionKey = (f) => `${f.file}::${f.name}`;

/** The finding that explains a kept parameter: in its function's lines and naming the parameter. */
function explainingFinding(findings, fn, param) {
  const inside = findings.filter((f) => f.file === fn.file && f.line >= fn.line && f.line <= fn.endLine);
  const naming = inside.filter((f) => f.message.includes(param));
  return naming.find((f) => f.kind === 'kept') ?? naming.find((f) => f.kind !== 'note') ?? inside.find((f) => f.kind === 'kept');
}

/** A reason label that groups alike findings: the message with code spans and numbers blanked. */
export function reasonLabel(finding) {
  if (!finding) return 'no finding';
  // Drop the leading "`param` of `fn` is …" and the locations, keep the reason's own code spans.
  const reason = finding.message
    .replace(/^`[^`]+` of `[^`]+` (is not migrated|is kept as a business id|is kept|is)[:,]?\s*/, '')
    .replace(/ \([^()]*:\d+\)/g, '')
    .split('; also ')[0];
  return `${finding.kind}: ${reason.slice(0, 110)}`;
}

/**
 * Keys that survive the migration's line shifts: a function named by its line (`<callback of f>@12`)
 * is keyed by its place among the functions of that file with the same name before the `@`.
 */
function stableKeys(functions) {
  const seen = new Map();
  return new Map(functions.map((f) => {
    const at = f.name.match(/^(.*)@\d+(#\d+)?$/);
    if (!at) return [f, functionKey(f)];
    const base = `${f.file}::${at[1]}@`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return [f, `${base}${n}`];
  }));
}

export function compareParams(before, after, report) {
  const afterKeys = stableKeys(after.functions);
  const afterByKey = new Map(after.functions.map((f) => [afterKeys.get(f), f]));
  const beforeKeys = stableKeys(before.functions);
  const findings = report?.findings ?? [];
  const rows = [];
  for (const fn of before.functions) {
    for (const tp of fn.traceParams) {
      const now = afterByKey.get(beforeKeys.get(fn));
      let status;
      if (!now) status = 'function-gone';
      else if (now.traceParams.some((p) => p.name === tp.name)) status = 'kept';
      else status = 'migrated';
      const finding = status === 'kept' ? explainingFinding(findings, fn, tp.name) : undefined;
      let outcome = status;
      if (status === 'kept') outcome = !finding ? 'untouched' : finding.kind === 'kept' ? 'kept' : 'refused';
      rows.push({
        file: fn.file, function: fn.name, param: tp.name, destructured: Boolean(tp.destructured), line: fn.line,
        status, outcome, reason: finding ? reasonLabel(finding) : undefined, findingMessage: finding?.message,
        oldCount: fn.params.length, newCount: now?.params.length, newHasRest: now?.hasRest,
      });
    }
  }
  return rows;
}

/**
 * Issue 8's arity check: for each migrated function, every call found by name across the tree must fit
 * the new signature. A call with more arguments than the new signature takes is listed; it is "clear"
 * unless another function of that name could take that many (then the name alone cannot tell).
 */
export function arityCheck(rows, after) {
  const byShort = new Map();
  for (const f of after.functions) {
    const s = shortName(f.name.replace(/#\d+$/, ''));
    if (!byShort.has(s)) byShort.set(s, []);
    byShort.get(s).push(f);
  }
  const afterByKey = new Map(after.functions.map((f) => [functionKey(f), f]));
  const checked = new Set();
  const suspects = [];
  for (const row of rows) {
    if (row.status !== 'migrated' || row.destructured) continue;
    const key = `${row.file}::${row.function}`;
    if (checked.has(key)) continue;
    checked.add(key);
    const fn = afterByKey.get(key);
    if (!fn || fn.hasRest) continue;
    const name = shortName(row.function.replace(/#\d+$/, ''));
    if (name.startsWith('<')) continue;
    for (const call of after.calls) {
      if (call.callee !== name || call.spread || call.args <= fn.params.length) continue;
      const others = (byShort.get(name) ?? []).filter((f) => functionKey(f) !== key && (f.hasRest || f.params.length >= call.args));
      suspects.push({ function: key, newArity: fn.params.length, oldArity: row.oldCount, call, clear: others.length === 0 });
    }
  }
  return suspects;
}

export function reviewerScore(rows, reviewer) {
  const find = (r) => rows.find((x) => x.file === r.file && x.function === r.function && x.param === r.param);
  let trace = 0, traceMigrated = 0, business = 0, businessMigrated = 0;
  const unmatched = [];
  for (const r of reviewer ?? []) {
    const row = find(r);
    if (!row) { unmatched.push(r); continue; }
    if (r.verdict === 'trace') { trace++; if (row.status === 'migrated') traceMigrated++; }
    else { business++; if (row.status === 'migrated') businessMigrated++; }
  }
  return { trace, traceMigrated, business, businessMigrated, unmatched };
}
