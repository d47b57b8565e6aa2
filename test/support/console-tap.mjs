// Preloaded (node --import) into the original example app by the e2e harness. Records which console
// method wrote each line, so the test can check the migrated app's log levels. It appends to the
// file named by CONSOLE_TAP_FILE, so stdout and stderr stay exactly what the app prints.
import { appendFileSync } from 'node:fs';
import { format } from 'node:util';

const tapFile = process.env.CONSOLE_TAP_FILE;
if (tapFile) {
  for (const method of ['log', 'info', 'debug', 'warn', 'error']) {
    const original = console[method].bind(console);
    console[method] = (...args) => {
      appendFileSync(tapFile, JSON.stringify({ method, line: format(...args) }) + '\n');
      original(...args);
    };
  }
}
