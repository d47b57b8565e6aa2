// Runs generated programs one after another in this one process (a process per program would
// cost more than the migration) and writes what each did to a JSON file:
//   node run-programs.mjs <result.json> <main file>...
// For each program: every `__rec(name, args)` call, every console call (method and text) and every
// line written straight to stdout/stderr (the migrated logger's JSON records), and the error that
// stopped it, if any. randomUUID() is made deterministic (restarting per program), so ids are equal
// between the run before and the run after the migration.
import crypto from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const [resultFile, ...mains] = process.argv.slice(2);
let issued = 0;
crypto.randomUUID = () => `00000000-0000-4000-8000-${String(++issued).padStart(12, '0')}`;
syncBuiltinESMExports(); // so `import { randomUUID } from 'node:crypto'` sees it too

/** @type {{ calls: { unit: string, args: string }[], output: { kind: string, method?: string, stream?: string, text: string }[], error: string | null }} */
let current = { calls: [], output: [], error: null };
globalThis.__rec = (unit, args) => current.calls.push({ unit, args: JSON.stringify(args) });
for (const method of ['log', 'info', 'debug', 'warn', 'error']) {
  console[method] = (...args) => current.output.push({ kind: 'console', method, text: format(...args) });
}
for (const stream of ['stdout', 'stderr']) {
  process[stream].write = (chunk) => {
    for (const line of String(chunk).split('\n').filter((l) => l !== '')) current.output.push({ kind: 'write', stream, text: line });
    return true;
  };
}
// A throw in a timer callback leaves the program's promise pending for ever: stop waiting for it.
let stopWaiting = () => {};
process.on('unhandledRejection', (reason) => (current.error ??= `unhandled rejection: ${reason?.stack ?? reason}`));
process.on('uncaughtException', (error) => {
  current.error ??= `uncaught: ${error?.stack ?? error}`;
  stopWaiting();
});
const PROGRAM_TIMEOUT_MS = 10_000;

const require = createRequire(import.meta.url);
const commonJs = process.env.PROPERTY_MODULE_SYSTEM === 'commonjs';
const results = [];
for (const main of mains) {
  issued = 0;
  current = { calls: [], output: [], error: null };
  const stopped = new Promise((resolve) => (stopWaiting = resolve));
  const timer = setTimeout(() => {
    current.error ??= `did not finish within ${PROGRAM_TIMEOUT_MS} ms`;
    stopWaiting();
  }, PROGRAM_TIMEOUT_MS); // also keeps the process alive while a program's promise is pending
  try {
    const run = commonJs ? require(main) : import(pathToFileURL(main).href); // CommonJS: exports the promise of its requests
    await Promise.race([run, stopped]);
    await new Promise((resolve) => setTimeout(resolve, 5)); // anything the program left running
  } catch (error) {
    current.error ??= String(error?.stack ?? error);
  }
  clearTimeout(timer);
  results.push({ main, ...current });
}
writeFileSync(resultFile, JSON.stringify(results));
