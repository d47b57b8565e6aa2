// A project pinned to a Node older than the emitted module's minimum is refused before any edit.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineConfig, migrate } from '../../src/index.js';
import { nodeBelowRuntimeMinimum } from '../../src/runtime/declared-node.js';
import { tempProject } from '../helpers/temp-project.js';

const SERVICE = `export function handle(req, requestId) {
  console.log(\`[\${requestId}] handling \${req.url}\`);
}
export function onRequest(req) {
  return handle(req, req.headers['x-request-id']);
}
`;

function projectWith(files: Record<string, string | object>): string {
  const root = tempProject({ 'package.json': { name: 'svc', private: true, type: 'module' }, 'src/svc.js': SERVICE, ...files });
  mkdirSync(join(root, '.git'), { recursive: true }); // the repository root bounds the search
  return root;
}

describe('the Node a project declares', () => {
  it.each([
    ['.nvmrc', { '.nvmrc': 'v10.15.3\n' }, '.nvmrc'],
    ['.node-version', { '.node-version': '14.21.3' }, '.node-version'],
    ['engines 10.x', { 'package.json': { name: 'svc', type: 'module', engines: { node: '10.x' } } }, 'package.json "engines"'],
    ['engines ^12 || ^14', { 'package.json': { name: 'svc', type: 'module', engines: { node: '^12.4.0 || ^14' } } }, 'package.json "engines"'],
    ['engines >=10 <15', { 'package.json': { name: 'svc', type: 'module', engines: { node: '>=10 <15' } } }, 'package.json "engines"'],
  ])('pins it below the module minimum: %s', (_name, files, source) => {
    expect(nodeBelowRuntimeMinimum(projectWith(files))).toMatchObject({ source });
  });

  it.each([
    ['no declaration', {}],
    ['.nvmrc 20', { '.nvmrc': '20.11.1' }],
    ['.nvmrc lts/*', { '.nvmrc': 'lts/*' }],
    ['engines >=10 (no upper bound)', { 'package.json': { name: 'svc', type: 'module', engines: { node: '>=10' } } }],
    ['engines ^14 || >=16', { 'package.json': { name: 'svc', type: 'module', engines: { node: '^14 || >=16' } } }],
    ['engines 18.x', { 'package.json': { name: 'svc', type: 'module', engines: { node: '18.x' } } }],
  ])('does not pin it: %s', (_name, files) => {
    expect(nodeBelowRuntimeMinimum(projectWith(files))).toBeUndefined();
  });

  it('refuses the migration of a project pinned to Node 10, and writes nothing', async () => {
    const root = projectWith({ '.nvmrc': '10.15.3\n' });
    await expect(migrate(defineConfig({ paths: [join(root, 'src')], cwd: root, force: true }))).rejects.toThrow(
      /needs Node 16 or later .* declares Node 10\.15\.3 \(\.nvmrc\): nothing was changed/,
    );
    expect(readFileSync(join(root, 'src/svc.js'), 'utf8')).toBe(SERVICE);
  }, 60_000);
});
