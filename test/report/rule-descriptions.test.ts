import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/registry.js';
import { RULE_DESCRIPTIONS } from '../../src/report/rule-descriptions.js';

describe('rule descriptions', () => {
  it('describe every registered rule and the pipeline stages that report findings', () => {
    for (const id of [...RULES.map((r) => r.id), 'project', 'verify']) expect(RULE_DESCRIPTIONS[id], id).toMatch(/\w/);
  });
});
