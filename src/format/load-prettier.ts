// The prettier that formats a project's files: the project's own (its version, its plugins'
// peer), else the copy trace-migrate depends on. Prettier 2 and 3 share this surface; 2 answers
// synchronously, which `await` absorbs.
import { createRequire } from 'node:module';
import { join } from 'node:path';

export type PrettierOptions = Record<string, unknown>;

export interface PrettierApi {
  version: string;
  format(text: string, options: PrettierOptions): Promise<string> | string;
  resolveConfig(file: string, options: { editorconfig: boolean }): Promise<PrettierOptions | null> | PrettierOptions | null;
  resolveConfigFile(file: string): Promise<string | null> | string | null;
  getFileInfo(file: string, options: { ignorePath?: string | string[] }): Promise<{ ignored: boolean; inferredParser: string | null }>;
}

export interface LoadedPrettier {
  api: PrettierApi;
  /** `project`: from the project's node_modules; `trace-migrate`: the tool's own dependency. */
  from: 'project' | 'trace-migrate';
}

const cache = new Map<string, Promise<LoadedPrettier>>();

/** Prettier as `projectDir` resolves it (node_modules up the tree), else ours. */
export function loadPrettier(projectDir: string): Promise<LoadedPrettier> {
  let loaded = cache.get(projectDir);
  if (!loaded) {
    loaded = load(projectDir);
    cache.set(projectDir, loaded);
  }
  return loaded;
}

async function load(projectDir: string): Promise<LoadedPrettier> {
  try {
    const requireFromProject = createRequire(join(projectDir, 'package.json'));
    const api = requireFromProject('prettier') as PrettierApi;
    if (typeof api.format === 'function' && typeof api.resolveConfig === 'function') return { api, from: 'project' };
  } catch {
    // not installed in the project: ours below
  }
  const api = (await import('prettier')) as unknown as PrettierApi;
  return { api, from: 'trace-migrate' };
}
