// --check: the fast CI gate. Syntax only (no type checker, no whole-program Project).
import type { Config } from '../config/config.js';
import type { Report } from '../report/report.js';

export async function check(_config: Config): Promise<Report> {
  throw new Error('not implemented yet');
}
