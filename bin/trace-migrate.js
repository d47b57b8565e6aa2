#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled library (npm ci / npm install build it via "prepare").
import('../dist/src/cli/main.js').then((cli) => cli.main(process.argv)).catch((err) => {
  console.error(`trace-migrate: could not start (${err && err.message ? err.message : err}). Run "npm run build" in a checkout.`);
  process.exitCode = 2;
});
