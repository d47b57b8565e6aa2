// The engine: paths ─► project ─► analyze ─► plan ─► verify ─► apply ─► report.
import type { Config } from './config/config.js';
import type { Report } from './report/report.js';

export interface Progress {
  phase: 'discover' | 'analyze' | 'plan' | 'verify' | 'write';
  done: number;
  total: number;
}

export interface MigrateHooks {
  onProgress?: (progress: Progress) => void;
}

export async function migrate(_config: Config, _hooks: MigrateHooks = {}): Promise<Report> {
  throw new Error('not implemented yet');
}
