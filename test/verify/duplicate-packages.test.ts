// An install without a lock file often holds two copies of one package version at different paths
// (`a/node_modules/shared` and `b/node_modules/shared`). TypeScript reads the second as a redirect to
// the first; the verify step builds the edited program from the original one and must hand
// TypeScript the file it read, not the redirect, or TypeScript stops on an internal assertion and
// the whole run fails (a real Hapi service's tree did).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineConfig, migrate } from '../../src/index.js';
import { tempProject } from '../helpers/temp-project.js';

const SLOW_MACHINE_TIMEOUT = 180_000;
const SHARED = { 'package.json': { name: 'shared', version: '1.0.0', types: 'index.d.ts' }, 'index.d.ts': 'export interface Box {\n  value: string;\n}\n' };

function copyOfShared(under: string): Record<string, string | object> {
  return Object.fromEntries(Object.entries(SHARED).map(([file, content]) => [`node_modules/${under}/node_modules/shared/${file}`, content]));
}

function packageUsingShared(name: string, fn: string): Record<string, string | object> {
  return {
    [`node_modules/${name}/package.json`]: { name, version: '1.0.0', types: 'index.d.ts' },
    [`node_modules/${name}/index.d.ts`]: `import type { Box } from 'shared';\nexport declare function ${fn}(): Box;\n`,
    ...copyOfShared(name),
  };
}

describe('a tree with two copies of the same package version', () => {
  it('is verified and migrated like any other', async () => {
    const show = (name: string) =>
      [
        "import { boxA } from 'a';",
        "import { boxB } from 'b';",
        '',
        `export function ${name}(): void {`,
        '  console.log(`boxes ${boxA().value} and ${boxB().value}`);',
        '}',
        '',
      ].join('\n');
    const root = tempProject({
      'package.json': { name: 'app', type: 'module' },
      'tsconfig.json': { compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', types: [] }, include: ['src'] },
      ...packageUsingShared('a', 'boxA'),
      ...packageUsingShared('b', 'boxB'),
      'src/first.ts': show('first'),
    });
    // The first run emits the runtime module; on the second the edited program has the same root
    // files as the original, so TypeScript reuses the original's files, the redirect among them.
    const config = defineConfig({ paths: [join(root, 'src')], cwd: root, force: true });
    expect((await migrate(config)).summary.logsConverted).toBe(1);
    writeFileSync(join(root, 'src/second.ts'), show('second'));

    const report = await migrate(config);

    expect(report.findings.filter((f) => f.kind === 'error')).toEqual([]);
    expect(report.summary.logsConverted).toBe(1);
    expect(readFileSync(join(root, 'src/second.ts'), 'utf8')).toContain("log.info('boxes {boxAValue} and {boxBValue}'");
  }, SLOW_MACHINE_TIMEOUT);
});
