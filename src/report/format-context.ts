// What a formatter may know besides the report. Formatters are pure: (report, ctx) → string.
import type { Report } from './report.js';

export interface FormatContext {
  /** Emit ANSI colours (the CLI decides: TTY, NO_COLOR, --no-color). Only `text` uses it. */
  color: boolean;
  /** List every finding; by default the text report groups them by reason and file. Only `text` uses it. */
  verbose?: boolean;
  /** Absolute directory report paths are relative to (SARIF's %SRCROOT%), when known. */
  cwd?: string;
}

export type Formatter = (report: Report, ctx: FormatContext) => string;
