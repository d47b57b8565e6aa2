// A project whose ESLint runs prettier as a rule (eslint-plugin-prettier): its lint must find no new
// problem after the migration — neither in the lines the tool changed nor in the emitted module.
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { defineConfig, migrate } from '../../src/index.js';
import { tempProject } from '../helpers/temp-project.js';

const REPO_NODE_MODULES = new URL('../../node_modules', import.meta.url).pathname;

const ESLINT_CONFIG = `import js from '@eslint/js'
import prettierRecommended from 'eslint-plugin-prettier/recommended'

const node = { require: 'readonly', module: 'writable', exports: 'writable', process: 'readonly', console: 'readonly', globalThis: 'readonly', __dirname: 'readonly' }

export default [
  js.configs.recommended,
  prettierRecommended,
  { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs', ecmaVersion: 2022, globals: node } },
]
`;

const REPO = `'use strict'
const { randomUUID } = require('node:crypto')

const orders = new Map()

function findOrder(orderId, requestId) {
  console.log(\`[\${requestId}] looking up order \${orderId} among \${orders.size} orders in the in-memory store\`)
  return orders.get(orderId)
}

function saveOrder(order, requestId) {
  console.info('[' + requestId + '] saving order ' + order.id + ' for customer ' + order.customerId)
  orders.set(order.id, order)
  return order
}

async function placeOrder(input, requestId) {
  const existing = findOrder(input.id, requestId)
  if (existing) {
    console.warn(\`[\${requestId}] order \${input.id} exists already, status \${existing.status}\`)
    return existing
  }
  return saveOrder({ ...input, status: 'new', createdAt: Date.now() }, requestId)
}

function onPlaceOrder(req, res) {
  const requestId = req.headers['x-request-id'] || randomUUID()
  placeOrder(req.body, requestId).then(
    (order) => res.json(order),
    (error) => {
      console.error(\`[\${requestId}] placing order failed: \${error.message}\`)
      res.status(500).end()
    }
  )
}

module.exports = { placeOrder, onPlaceOrder }
`;

async function lintProblems(cwd: string): Promise<string[]> {
  const eslint = new ESLint({ cwd });
  const results = await eslint.lintFiles(['src/**/*.js']);
  return results.flatMap((result) => result.messages.map((m) => `${result.filePath.slice(cwd.length + 1)}:${m.line} ${m.ruleId ?? 'parse'}: ${m.message}`));
}

/** The project, its source lint-clean (prettier-formatted), node_modules linked to ours. */
async function lintCleanProject(): Promise<string> {
  const options = { semi: false, singleQuote: true, trailingComma: 'es5' } as const;
  const root = tempProject({
    'package.json': { name: 'orders', private: true, prettier: options },
    'eslint.config.mjs': ESLINT_CONFIG,
    'src/orders.js': REPO,
  });
  symlinkSync(REPO_NODE_MODULES, join(root, 'node_modules'));
  writeFileSync(join(root, 'src/orders.js'), await prettier.format(REPO, { ...options, parser: 'babel' }));
  return root;
}

describe('a project linted with eslint-plugin-prettier', () => {
  it('has no new lint problem after the migration, the emitted module included', async () => {
    const root = await lintCleanProject();
    expect(await lintProblems(root)).toEqual([]);

    const report = await migrate(defineConfig({ paths: [join(root, 'src')], cwd: root, force: true }));
    expect(report.summary.logsConverted).toBeGreaterThan(0);
    expect(report.summary.paramsRemoved).toBeGreaterThan(0);
    expect(report.formatting?.formatter).toBe('prettier');
    expect(readFileSync(join(root, 'src/trace-context.js'), 'utf8')).toContain('withTrace');

    expect(await lintProblems(root)).toEqual([]);
  }, 120_000);

  it('finds the problems --no-format leaves (so the test above can fail)', async () => {
    const root = await lintCleanProject();
    await migrate(defineConfig({ paths: [join(root, 'src')], cwd: root, force: true, formatEdits: false }));
    expect((await lintProblems(root)).filter((p) => p.includes('prettier/prettier')).length).toBeGreaterThan(0);
  }, 120_000);
});
