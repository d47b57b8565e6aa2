// The progress bar: drawn on stderr only when it is a terminal (the CLI decides), cleared when
// the run ends so the report that follows starts on a clean line.
import { createRequire } from 'node:module';
import type CliProgress from 'cli-progress';
import type { Progress } from '../migrate.js';

// Loaded when a bar is drawn: --check and piped runs never draw one, so they do not load it.
const require = createRequire(import.meta.url);

export interface ProgressView {
  update(progress: Progress): void;
  stop(): void;
}

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const PHASE_WIDTH = 8; // longest phase: "discover"

export function createProgressBar(stream: ProgressStream): ProgressView {
  const cliProgress = require('cli-progress') as typeof CliProgress;
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WritableStream,
      format: '{phase} [{bar}] {value}/{total} files',
      barsize: 30,
      clearOnComplete: true,
      hideCursor: true,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update({ phase, done, total }) {
      const payload = { phase: phase.padEnd(PHASE_WIDTH) };
      if (!started) {
        bar.start(total, done, payload);
        started = true;
        return;
      }
      if (bar.getTotal() !== total) bar.setTotal(total);
      bar.update(done, payload);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** A bar only on a terminal, and never when the user asked for none. */
export function shouldShowProgress(options: { requested: boolean; isTTY: boolean }): boolean {
  return options.requested && options.isTTY;
}
