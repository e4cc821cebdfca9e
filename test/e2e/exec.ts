// Child processes of the end-to-end harness. Unlike test/install/exec.ts, each
// command runs in its own process group and the whole group is killed on a
// timeout and once the command exits: a project's test run starts servers and
// workers of its own, and one of them left holding the output pipe would keep
// the step from ever finishing.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

export interface Command {
  /** What the step is, for messages: `baseline tests`, `typecheck packages/client`. */
  label: string;
  file: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Milliseconds before the process group is killed. */
  timeout: number;
}

export interface Run {
  label: string;
  /** The command line, for messages. */
  command: string;
  /** The exit code; null when the process was killed or could not start. */
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  timedOut: boolean;
}

export function exec(command: Command, signal?: AbortSignal): Promise<Run> {
  const commandLine = [command.file, ...command.args].join(' ');
  const started = performance.now();
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const child = spawn(command.file, command.args, { cwd: command.cwd, env: command.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is gone already.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, command.timeout);
    signal?.addEventListener('abort', killGroup, { once: true });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Whatever the command left running in its group goes with it; then the pipes close.
    child.on('exit', killGroup);
    const finish = (code: number | null, note: string) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', killGroup);
      const seconds = (performance.now() - started) / 1000;
      resolve({ label: command.label, command: commandLine, code, stdout, stderr: stderr + note, seconds, timedOut });
    };
    child.on('error', (error) => {
      // A process that never started emits no 'close'.
      if (child.pid === undefined) finish(null, `\n${error.message}`);
    });
    child.on('close', (code, killedBy) => {
      const note = timedOut ? `\n(killed after the ${command.timeout / 1000} s timeout)` : killedBy ? `\n(killed by ${killedBy})` : '';
      finish(code, note);
    });
  });
}

/** The end of a run's output, for a failure message. */
export function tail(run: Run, lines = 30): string {
  const text = stripColors(`${run.stdout}\n${run.stderr}`).trimEnd().split('\n');
  return text.slice(-lines).join('\n');
}

/** Tools that ignore NO_COLOR (tsc-multi) still colour their output. */
export function stripColors(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/** Appends a run's command line and output to a log file, so a failed step can be read in full. */
export function logRun(file: string, run: Run): void {
  appendFileSync(file, `$ ${run.command}\n# ${run.label}: exit ${run.code}, ${run.seconds.toFixed(1)} s\n${run.stdout}\n${run.stderr}\n\n`);
}
