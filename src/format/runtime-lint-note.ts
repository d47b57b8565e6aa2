// The one lint rule the emitted module may not meet, said in the report rather than fixed by editing
// the project's lint config: without Node's types in the program, the TS module keeps a `@ts-ignore`
// on its node:async_hooks import, which typescript-eslint's ban-ts-comment reports where it is on.
import { dirname } from 'node:path';
import type { RuntimeModulePlan } from '../plan/runtime-module.js';
import { findEslintConfig } from './detect-formatter.js';
import type { FormatNote } from './format-changes.js';

/** A note for each new TS runtime module that needs its `@ts-ignore`, in a project with an ESLint config. */
export function runtimeModuleLintNotes(modules: readonly RuntimeModulePlan[]): FormatNote[] {
  const notes: FormatNote[] = [];
  for (const module of modules) {
    if (module.exists || module.options.language !== 'ts' || module.options.nodeTypes === true) continue;
    const eslintConfig = findEslintConfig(dirname(module.path));
    if (!eslintConfig) continue;
    notes.push({
      path: module.path,
      message:
        "the emitted module keeps a `// @ts-ignore` on its node:async_hooks import because the program has no Node types; " +
        `typescript-eslint's @typescript-eslint/ban-ts-comment reports it where your lint (${eslintConfig}) turns that rule on. ` +
        'Install @types/node (or add "node" to compilerOptions.types) and delete that comment line',
    });
  }
  return notes;
}
