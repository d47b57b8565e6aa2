// What a compiler host asks the disk while it resolves modules: does this file, this folder exist.
// Module resolution asks the same questions again and again (every import of a folder probes its
// extensions and its package.json files, once per importing file and again for the edited program
// of the verify stage), and the disk does not change during a run. A DiskProbes remembers the
// answers for one run: one object, shared by the run's hosts, never kept across runs.
import { ts } from '../syntax/typescript.js';

export class DiskProbes {
  private readonly files = new Map<string, boolean>();
  private readonly directories = new Map<string, boolean>();

  fileExists(path: string): boolean {
    let found = this.files.get(path);
    if (found === undefined) this.files.set(path, (found = ts.sys.fileExists(path)));
    return found;
  }

  directoryExists(path: string): boolean {
    let found = this.directories.get(path);
    if (found === undefined) this.directories.set(path, (found = ts.sys.directoryExists(path)));
    return found;
  }
}
