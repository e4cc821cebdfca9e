// Child processes for the install matrix: a non-zero exit is a result to assert
// on, never an exception, and every run is timed.
import { spawn } from 'node:child_process';

export interface Run {
  /** The command line, for messages. */
  command: string;
  /** The exit code; null when the process was killed (timeout, abort) or could not start. */
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

export interface ExecOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Milliseconds before the process is killed. */
  timeout: number;
  signal?: AbortSignal;
}

export function exec(file: string, args: readonly string[], options: ExecOptions): Promise<Run> {
  const command = [file, ...args].join(' ');
  const started = performance.now();
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(file, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const finish = (code: number | null, note = '') =>
      resolve({ command, code, stdout, stderr: stderr + note, seconds: (performance.now() - started) / 1000 });
    child.on('error', (error) => {
      // A process that never started emits no 'close'.
      if (child.pid === undefined) finish(null, `\n${error.message}`);
    });
    child.on('close', (code, signal) => finish(code, signal ? `\n(killed by ${signal} after ${Math.round(performance.now() - started)} ms)` : ''));
  });
}

/**
 * This process's environment for a package manager run in a throwaway project,
 * without what `npm test` sets for its own script: npm would otherwise take the
 * repository for the project (npm_config_local_prefix) and pnpm would think npm
 * runs it. npm's real configuration (registry, CA file) stays.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const scriptOnly = /^(npm_lifecycle_|npm_package_|npm_(command|execpath|node_execpath)$|npm_config_(local_prefix|call|user_agent|cache)$|INIT_CWD$)/;
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !scriptOnly.test(name)));
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
}
