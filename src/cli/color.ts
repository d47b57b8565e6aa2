// When the text report is coloured. --no-color and NO_COLOR (https://no-color.org: set and not
// empty) always win; FORCE_COLOR turns colour on for CI logs that render ANSI; otherwise colour
// only when the destination is a terminal (never when piped or written to --output).
export interface ColorInputs {
  /** False when --no-color was given. */
  requested: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether the stream the report goes to is a terminal (false for --output files). */
  isTTY: boolean;
}

export function shouldUseColor({ requested, env, isTTY }: ColorInputs): boolean {
  if (!requested) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY;
}
