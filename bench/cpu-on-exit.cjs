// Preloaded into the children of check-vs-tsc.mjs (node --require): reports the child's own CPU
// time (user + system, every thread) on exit, on stderr, next to max-rss-on-exit.cjs's line.
'use strict';
process.on('exit', () => {
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  process.stderr.write(`\n@@bench-cpu-us ${userCPUTime} ${systemCPUTime}\n`);
});
