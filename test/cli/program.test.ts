import { describe, expect, it } from 'vitest';
import { buildProgram, givenFlags } from '../../src/cli/program.js';
import { OPTIONS } from '../../src/config/options.js';

const silent = { writeOut: () => {}, writeErr: () => {} };

describe('the commander program', () => {
  it('has one flag per option, and each flag parses to the same key a config file uses', () => {
    const program = buildProgram('0.0.0', silent);
    const attributes = program.options.map((option) => option.attributeName()).filter((name) => name !== 'version' && name !== 'help');
    expect(attributes.sort()).toEqual(OPTIONS.filter((option) => 'flags' in option).map((option) => option.key).sort());
  });

  it('reports only the flags the user typed, not defaults such as --no-color', () => {
    const program = buildProgram('0.0.0', silent);
    program.parse(['src', '--no-verify', '--param-names', 'a,b', '--param-names', 'c', '--include', 'x/**', 'y/**'], { from: 'user' });
    expect(givenFlags(program)).toEqual({ verify: false, paramNames: ['a,b', 'c'], include: ['x/**', 'y/**'] });
    expect(program.args).toEqual(['src']);
  });

  it('takes --no-format (the layout of changed lines) beside --format <name> (the report)', () => {
    const program = buildProgram('0.0.0', silent);
    program.parse(['src', '--no-format', '--format', 'json'], { from: 'user' });
    expect(givenFlags(program)).toEqual({ formatEdits: false, format: 'json' });
  });
});
