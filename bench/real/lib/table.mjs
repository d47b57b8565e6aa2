// Renders the one table (markdown, so it pastes into a note) and the short per-service details under it.
const dash = '—';

function checkCell(check) {
  if (check === undefined) return 'skipped';
  if (check === null) return dash;
  if (check.timedOut) return 'timeout';
  if ('passed' in check) return check.passed === null ? (check.ok ? 'pass' : `fail (exit ${check.code})`) : `${check.passed}✓ ${check.failed}✗`;
  if ('warnings' in check) return check.errors === null ? `fail (exit ${check.code})` : `${check.errors}e ${check.warnings}w`;
  return `${check.errors} err`;
}

const pair = (row, kind) => `${checkCell(row.before?.[kind])} → ${checkCell(row.after?.[kind])}`;

/** The lint cell also says how many problems the migration added (per file and rule). */
const lintPair = (row) => pair(row, 'lint') + (row.newLint ? ` (${row.newLint.reduce((n, p) => n + p.after - p.before, 0)} new)` : '');

function countBy(rows, outcome) {
  return rows.filter((r) => r.outcome === outcome && !r.destructured).length;
}

export function renderTable(rows) {
  const header = ['service', 'shape', 'id params', 'migrated', 'kept (business)', 'refused', 'untouched', 'reviewer: trace migrated', 'business migrated', 'interp. logs before → after (converted)', 'typecheck', 'lint', 'tests', 'report lines', 'old-arity calls'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) {
    if (row.error) {
      lines.push(`| ${row.name} | ${row.shape} | ${row.error} |${' |'.repeat(header.length - 3)}`);
      continue;
    }
    const params = row.params.filter((p) => !p.destructured);
    const rv = row.reviewer;
    const clear = row.arity.filter((a) => a.clear).length;
    lines.push(`| ${[
      row.name, row.shape, params.length,
      countBy(row.params, 'migrated'), countBy(row.params, 'kept'), countBy(row.params, 'refused'), countBy(row.params, 'untouched') + countBy(row.params, 'function-gone'),
      rv.trace ? `${rv.traceMigrated}/${rv.trace} (${Math.round((100 * rv.traceMigrated) / rv.trace)}%)` : dash,
      rv.business ? `${rv.businessMigrated}/${rv.business}` : dash,
      `${row.logs.before} → ${row.logs.after} (${row.logs.converted ?? '?'})`,
      pair(row, 'typecheck'), lintPair(row), pair(row, 'test'),
      row.reportLines ?? dash,
      row.arity.length ? `${clear} clear, ${row.arity.length - clear} by name only` : '0',
    ].join(' | ')} |`);
  }
  return lines.join('\n');
}

export function renderDetails(rows) {
  const out = [];
  for (const row of rows) {
    if (row.error) continue;
    out.push(`## ${row.name} (${row.repo}@${row.commit.slice(0, 10)})`);
    out.push(`outcome ${row.outcome}; ${row.diffStat || 'no change'}; migration ${row.migration.seconds}s; findings ${JSON.stringify(row.findingsByKind)}`);
    if (!row.install.ok) out.push(`install FAILED: ${row.install.tail?.split('\n').slice(-3).join(' / ')}`);
    const reasons = new Map();
    for (const p of row.params) if (p.outcome !== 'migrated') reasons.set(p.reason ?? p.outcome, (reasons.get(p.reason ?? p.outcome) ?? 0) + 1);
    for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1])) out.push(`  not migrated ×${n}: ${reason}`);
    for (const p of row.params) {
      out.push(`  ${p.outcome.padEnd(9)} ${p.file}:${p.line} ${p.function}(${p.param}${p.destructured ? ', destructured' : ''})`);
    }
    for (const a of row.arity) {
      out.push(`  arity ${a.clear ? 'CLEAR' : 'by-name'}: ${a.call.file}:${a.call.line} ${a.call.text} — ${a.call.args} args, ${a.function} now takes ${a.newArity} (was ${a.oldArity})`);
    }
    for (const p of row.newLint ?? []) out.push(`  new lint problem: ${p.rule} in ${p.file.replace(`${row.dir}/`, '')} (${p.before} → ${p.after})`);
    for (const u of row.reviewer.unmatched) out.push(`  reviewer entry not found in the tree: ${u.file} ${u.function}(${u.param})`);
    for (const kind of ['typecheck', 'lint', 'test']) {
      const b = row.before?.[kind], a = row.after?.[kind];
      if (a && b && JSON.stringify([a.errors, a.passed, a.failed]) !== JSON.stringify([b.errors, b.passed, b.failed])) {
        out.push(`  ${kind} changed: ${checkCell(b)} → ${checkCell(a)}; after-run tail: ${a.tail.split('\n').filter(Boolean).slice(-6).join(' / ').slice(0, 600)}`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}
