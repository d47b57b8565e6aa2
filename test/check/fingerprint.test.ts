import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACE_PARAM_NAMES } from '../../src/config/config.js';
import { assignFingerprints, normalizeCode } from '../../src/check/fingerprint.js';
import { scanFile, type ScanOptions } from '../../src/check/scan-file.js';

const options: ScanOptions = { traceParamNames: new Set(DEFAULT_TRACE_PARAM_NAMES), logScope: 'interpolated' };

/** Fingerprints of a file's matches, as check computes them. */
function fingerprints(text: string): string[] {
  const result = scanFile({ path: '/p/a.ts', text, bom: false, eol: '\n', mode: 0o644 }, options);
  if (!result.matches) throw new Error('parse failure');
  return assignFingerprints(result.matches.map((m) => ({ file: 'a.ts', ruleId: m.ruleId, scope: m.scope, code: m.code })));
}

const original = [
  'export class Billing {',
  '  charge(id: string, reqId: string) {',
  '    console.log(`[${reqId}] charging ${id}`);',
  '  }',
  '}',
  '',
].join('\n');

describe('normalizeCode', () => {
  it('ignores whitespace, line breaks and trailing commas, but not words', () => {
    expect(normalizeCode('console.log(\n  `a ${b}`,\n  c,\n)')).toBe('console.log(`a ${b}`,c)');
    expect(normalizeCode('console.log( `a ${b}` , c )')).toBe('console.log(`a ${b}`,c)');
    expect(normalizeCode('typeof  x')).toBe('typeof x');
  });
});

describe('assignFingerprints', () => {
  it('keeps fingerprints when unrelated lines move the code down or it is reformatted', () => {
    const before = fingerprints(original);
    const movedDown = fingerprints(`import { x } from './x.js';\n\nconst unrelated = 1;\n${original}`);
    const reformatted = fingerprints(original.replace('console.log(`[${reqId}] charging ${id}`);', 'console.log(\n      `[${reqId}] charging ${id}`,\n    );'));
    expect(before).toHaveLength(2);
    expect(movedDown).toEqual(before);
    expect(reformatted).toEqual(before);
  });

  it('changes when the code, the enclosing declaration or the rule changes', () => {
    const [param, log] = fingerprints(original);
    const otherMessage = fingerprints(original.replace('charging', 'billing'));
    const renamedMethod = fingerprints(original.replace('charge(', 'refund('));
    expect(otherMessage[0]).toBe(param);
    expect(otherMessage[1]).not.toBe(log);
    expect(renamedMethod[0]).not.toBe(param);
    expect(renamedMethod[1]).not.toBe(log);
    const [asParam] = assignFingerprints([{ file: 'a.ts', ruleId: 'trace-params', scope: [], code: 'x' }]);
    const [asLog] = assignFingerprints([{ file: 'a.ts', ruleId: 'structured-logs', scope: [], code: 'x' }]);
    expect(asParam).not.toBe(asLog);
  });

  it('tells identical findings apart by occurrence, per file', () => {
    const same = { ruleId: 'structured-logs', scope: ['f'], code: 'console.log(`${a}`)' };
    const [first, second, otherFile] = assignFingerprints([
      { file: 'a.ts', ...same },
      { file: 'a.ts', ...same },
      { file: 'b.ts', ...same },
    ]);
    expect(first).not.toBe(second);
    expect(otherFile).toBe(first);
    expect(first).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('fingerprint values', () => {
  it('are the sha256 of rule, scope, code and occurrence, as baselines already saved have them (UTF-8 included)', () => {
    const inputs = [
      { file: 'a.ts', ruleId: 'trace-params', scope: ['Billing', 'charge'], code: 'reqId' },
      { file: 'b.ts', ruleId: 'structured-logs', scope: ['é'], code: 'console.log(`ü ${x}`)' },
      { file: 'b.ts', ruleId: 'structured-logs', scope: ['é'], code: 'console.log( `ü ${x}` )' },
    ];
    // Computed by the createHash implementation: sha256 of JSON.stringify([ruleId, scope, normalizeCode(code)]) + '#' + occurrence.
    expect(assignFingerprints(inputs)).toEqual(['3bfb3ca7f25ff4df', 'acac4f2d28121f2e', '5ea68f8be9eb3ef0']);
  });
});
