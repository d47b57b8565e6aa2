// Cost per call of the emitted runtime's built-in logger, next to its pino variant and the
// interpolated console.log it replaces: same machine, same run. Each case runs in its own child
// process whose stdout and stderr go to /dev/null, so every logger pays for one real write per
// record and none pays for a terminal. Usage: node bench/logger-cost.mjs [--iterations N] [--rounds N]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import ts from 'typescript';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { iterations: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '5' } } });
const iterations = Number(args.iterations);
const rounds = Number(args.rounds);

// What each case logs: the same record, in the shape before and after migration.
const CASES = [
  { name: 'console.log, interpolated string', module: null, call: 'console.log(`[${requestId}] settled invoice ${invoiceId} total ${total}`)' },
  { name: 'built-in JSON log.info', module: 'json', call: "log.info('settled invoice {invoiceId} total {total}', { invoiceId, total })" },
  { name: 'pino variant log.info', module: 'pino', call: "log.info('settled invoice {invoiceId} total {total}', { invoiceId, total })" },
  { name: 'built-in JSON, level disabled', module: 'json', env: { LOG_LEVEL: 'warn' }, call: "log.info('settled invoice {invoiceId} total {total}', { invoiceId, total })" },
  { name: 'pino variant, level disabled', module: 'pino', env: { LOG_LEVEL: 'warn' }, call: "log.info('settled invoice {invoiceId} total {total}', { invoiceId, total })" },
];

const work = mkdtempSync(join(tmpdir(), 'logger-cost-'));
try {
  const { renderRuntimeModule } = await loadRenderer(join(work, 'renderer'));
  writeFileSync(join(work, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  symlinkSync(join(repo, 'node_modules'), join(work, 'node_modules'), 'dir');
  for (const backend of ['json', 'pino']) {
    const text = renderRuntimeModule({ language: 'js', moduleFormat: 'esm', backend, idField: 'correlationId', eol: '\n' });
    writeFileSync(join(work, `trace-context-${backend}.js`), text);
  }

  const results = [];
  for (const [index, benchCase] of CASES.entries()) {
    const file = join(work, `case-${index}.mjs`);
    writeFileSync(file, caseScript(benchCase));
    results.push({ name: benchCase.name, nsPerOp: await runCase(file, benchCase.env ?? {}) });
  }
  printTable(results);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Transpiles the renderer and the files it imports (src/runtime/, src/errors.ts) and imports it. */
async function loadRenderer(dir) {
  for (const source of ['src/runtime/render-runtime-module.ts', 'src/runtime/runtime-options.ts', 'src/errors.ts']) {
    const options = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 };
    const js = ts.transpileModule(readFileSync(join(repo, source), 'utf8'), { compilerOptions: options }).outputText;
    const target = join(dir, source.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, js);
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  return import(pathToFileURL(join(dir, 'src/runtime/render-runtime-module.js')).href);
}

/** A child script that times `rounds` rounds of `iterations` calls and sends the median ns per call. */
function caseScript({ module, call }) {
  return `${module ? `import { log, withTrace } from './trace-context-${module}.js';` : ''}
const run = ${module ? 'withTrace' : '(_context, fn) => fn()'};
const invoiceIds = Array.from({ length: 1024 }, (_, i) => 'inv-' + i);
const requestId = 'c0ffee00-1234-4abc-8def-0123456789ab';
function loop(count) {
  for (let i = 0; i < count; i++) {
    const invoiceId = invoiceIds[i & 1023];
    const total = i;
    ${call};
  }
}
run({ correlationId: requestId }, () => {
  loop(${Math.max(1000, Math.floor(iterations / 10))}); // warm-up
  const perRound = [];
  for (let round = 0; round < ${rounds}; round++) {
    const start = process.hrtime.bigint();
    loop(${iterations});
    perRound.push(Number(process.hrtime.bigint() - start) / ${iterations});
  }
  perRound.sort((a, b) => a - b);
  process.send(perRound[Math.floor(perRound.length / 2)]);
});
`;
}

function runCase(file, env) {
  const sink = openSync(devNull, 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], {
      cwd: dirname(file),
      env: { ...process.env, LOG_LEVEL: '', ...env },
      stdio: ['ignore', sink, 'pipe', 'ipc'],
    });
    let stderr = '';
    let nsPerOp;
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('message', (message) => (nsPerOp = message));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && typeof nsPerOp === 'number') resolve(nsPerOp);
      else reject(new Error(`${file} exited with ${code}: ${stderr}`));
    });
  });
}

function printTable(results) {
  const baseline = results[0].nsPerOp;
  const rows = [
    ['case', 'ns/op', 'ops/s', 'vs console.log'],
    ...results.map(({ name, nsPerOp }) => [
      name,
      nsPerOp.toFixed(0),
      Math.round(1e9 / nsPerOp).toLocaleString('en-US'),
      `${(nsPerOp / baseline).toFixed(2)}x`,
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  console.log(`logger cost per call: ${iterations} calls x ${rounds} rounds (median), Node ${process.version}, output to ${devNull}`);
  for (const row of rows) {
    console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
  }
}
