// The comparison of the property test must see what the issue describes: an argument shifted into
// the removed id's place, a log that lost its correlation id, a changed message, a crash.
import { describe, expect, it } from 'vitest';
import { compareRuns, type ProgramRun } from '../support/property/compare-runs.js';

const ID = '00000000-0000-4000-8000-000000000001';

function run(partial: Partial<ProgramRun>): ProgramRun {
  return { main: 'src/main.js', calls: [], output: [], error: null, ...partial };
}

const before = run({
  calls: [{ unit: 'acquireLock', args: '{"accountId":"acct-1","ttlMs":5000}' }],
  output: [{ kind: 'console', method: 'log', text: `[${ID}] lock acct-1 for 5000` }],
});

const jsonLine = (fields: Record<string, unknown>) => ({ kind: 'write' as const, stream: 'stdout' as const, text: JSON.stringify({ time: 't', level: 'info', ...fields }) });

describe('compareRuns', () => {
  it('accepts the structured record of the same log with the same correlation id', () => {
    const after = run({
      calls: before.calls,
      output: [jsonLine({ msg: 'lock {accountId} for {ttlMs}', correlationId: ID, accountId: 'acct-1', ttlMs: 5000 })],
    });
    expect(compareRuns(before, after)).toEqual([]);
  });

  it('reports an argument that moved into the removed id', () => {
    const after = run({
      calls: [{ unit: 'acquireLock', args: `{"accountId":"acct-1","ttlMs":"${ID}"}` }],
      output: [jsonLine({ msg: 'lock {accountId} for {ttlMs}', correlationId: ID, accountId: 'acct-1', ttlMs: 5000 })],
    });
    expect(compareRuns(before, after)).toEqual([`acquireLock call 1: received {"accountId":"acct-1","ttlMs":5000} before, {"accountId":"acct-1","ttlMs":"${ID}"} after`]);
  });

  it('reports a record without the correlation id, a changed text, a missing call and a crash', () => {
    const lostId = run({ calls: before.calls, output: [jsonLine({ msg: 'lock {accountId} for {ttlMs}', accountId: 'acct-1', ttlMs: 5000 })] });
    expect(compareRuns(before, lostId)).toEqual([`log 1: info [${ID}] lock acct-1 for 5000 before, info [no id] lock acct-1 for 5000 after`]);
    const changedText = run({ calls: before.calls, output: [jsonLine({ msg: 'lock {accountId} for {ttlMs}', correlationId: ID, accountId: 'acct-1' })] });
    expect(compareRuns(before, changedText)).toHaveLength(1);
    const crashed = run({ error: 'TypeError: x is not a function', output: before.output });
    expect(compareRuns(before, crashed)).toEqual(['the migrated program failed: TypeError: x is not a function', 'acquireLock call 1: received {"accountId":"acct-1","ttlMs":5000} before, (no call) after']);
  });
});
