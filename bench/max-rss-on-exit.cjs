// Preloaded into each benchmarked child (node --require): reports the child's own peak memory on
// exit, on stderr, so the benchmark needs no /usr/bin/time and works the same on every platform.
'use strict';
process.on('exit', () => {
  process.stderr.write(`\n@@bench-max-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
