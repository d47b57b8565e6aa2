// Runs a program as a user would (a real child process) and keeps its exit code, stdout and
// stderr apart: the CLI's contract puts the patch on stdout and the report on stderr.
import { spawn } from 'node:child_process';

export interface ProcessResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  /** Added to the parent's environment. */
  env?: Record<string, string | undefined>;
  /** Run as this user and group (only root may ask). */
  uid?: number;
  gid?: number;
}

export function runProcess(file: string, args: readonly string[], options: RunOptions): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

/** A Node stack frame ("    at fn (file.js:1:2)"): the CLI must never print one without --debug. */
export const STACK_FRAME = /^\s+at .*(:\d+:\d+\)?|\(native\))$/m;
