// Two copies of the emitted module (a monorepo gets one per package) share one trace context:
// a context entered through one copy is read, and logged, through the other.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderRuntimeModule } from '../../src/runtime/render-runtime-module.js';
import { runNode, tempProject } from './runtime-project.js';

describe('runtime module copies', () => {
  const project = tempProject('module', false);
  afterAll(() => project.remove());
  const module = renderRuntimeModule({ language: 'js', moduleFormat: 'esm', backend: 'json', idField: 'correlationId', eol: '\n' });
  project.write('packages/api/trace-context.js', module);
  project.write('packages/shared/trace-context.js', module);
  project.write(
    'main.js',
    [
      "import { withTrace } from './packages/api/trace-context.js';",
      "import { traceId, log } from './packages/shared/trace-context.js';",
      "await withTrace({ correlationId: 'c-1' }, async () => {",
      '  await new Promise((resolve) => setTimeout(resolve, 1));',
      "  console.error(JSON.stringify({ seen: traceId() }));",
      "  log.info('from the other copy');",
      '});',
      "console.error(JSON.stringify({ outside: traceId() ?? null }));",
      '',
    ].join('\n'),
  );

  it('share one context', async () => {
    const result = await runNode(join(project.dir, 'main.js'));
    expect(result.code).toBe(0);
    expect(result.stderr.trim().split('\n').map((l) => JSON.parse(l))).toEqual([{ seen: 'c-1' }, { outside: null }]);
    const record = JSON.parse(result.stdout.trim());
    expect(record).toMatchObject({ level: 'info', msg: 'from the other copy', correlationId: 'c-1' });
  });
});
