// What a compiler host asks the disk while it resolves modules: does this file, this folder exist.
// Module resolution asks the same questions again and again (every import of a folder probes its
// extensions and its package.json files, once per importing file and again for the edited program
// of the verify stage), and the disk does not change during a run. A DiskProbes remembers the
// answers for one run: one object, shared by the run's hosts, never kept across runs.
import { memoized } from '../syntax/memoized.js';
import { ts } from '../syntax/typescript.js';

export class DiskProbes {
  readonly fileExists = memoized((path) => ts.sys.fileExists(path));
  readonly directoryExists = memoized((path) => ts.sys.directoryExists(path));
}
