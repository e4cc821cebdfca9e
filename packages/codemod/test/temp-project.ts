import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Writes `files` into a fresh temp folder; with `git`, commits them in a new repository. */
export function tempProject(files: Record<string, string>, options: { git?: boolean } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'taskscope-migrate-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  if (options.git) {
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'initial');
  }
  return dir;
}

/** A temp project for `taskscope check`: a strict tsconfig over `src/`, and `files`. */
export function checkProject(files: Record<string, string>, options: { git?: boolean } = {}): string {
  const tsconfig = { compilerOptions: { strict: true, target: 'es2022', lib: ['es2023', 'dom'] }, include: ['src'] };
  return tempProject({ 'tsconfig.json': JSON.stringify(tsconfig), ...files }, options);
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' });
}

/** A writable stream that keeps what is written, for the CLI's stdout and stderr. */
export function capture(): NodeJS.WritableStream & { text(): string } {
  let text = '';
  return {
    write(chunk: string | Uint8Array) {
      text += String(chunk);
      return true;
    },
    text: () => text,
  } as NodeJS.WritableStream & { text(): string };
}
