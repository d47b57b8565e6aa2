#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled library (npm ci / npm install build it via "prepare").
// With --check, the scan worker starts first: it loads TypeScript while the CLI loads and finds the files.
const prestart = process.argv.includes('--check')
  ? import('../dist/src/check/scan-pool.js').then((pool) => pool.prestartScanWorker(), () => {})
  : Promise.resolve();
prestart.then(() => import('../dist/src/cli/main.js')).then((cli) => cli.main(process.argv)).catch((err) => {
  console.error(`trace-migrate: could not start (${err && err.message ? err.message : err}). Run "npm run build" in a checkout.`);
  process.exitCode = 2;
});
