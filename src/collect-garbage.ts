// A full garbage collection, on request. V8 sizes its next major collection from the live heap at
// the last one, which during the analysis holds the whole program; what the program leaves behind
// is only collected once the heap reaches that size again. A stage that allocates a lot after the
// program is dropped (formatting: a syntax tree and a document per file) would stack its garbage on
// top of the program's, so the engine collects between the two. Costs one collection (~0.2 s on a
// 2000-file program).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

export function collectGarbage(): void {
  try {
    if (!collect) {
      // `gc` is only defined in contexts created after the flag is set: the caller's own global
      // scope keeps no `gc`.
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    }
    collect();
  } catch {
    // A runtime without the flag: memory is reclaimed later, as usual.
    collect = () => {};
  }
}
