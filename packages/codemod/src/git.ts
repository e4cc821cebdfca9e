import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The root of the git work tree holding `cwd`, or undefined outside one (or without git). */
export function gitRoot(cwd: string): string | undefined {
  const out = git(cwd, ['rev-parse', '--show-toplevel']);
  return out === undefined ? undefined : path.resolve(out.trim());
}

/** Paths (relative to the root) with uncommitted changes, untracked files included. */
export function uncommittedPaths(root: string): string[] {
  const out = git(root, ['status', '--porcelain', '-z', '--untracked-files=all']) ?? '';
  // Each entry is "XY path"; a rename adds its source as an extra NUL-terminated field.
  const paths: string[] = [];
  const fields = out.split('\0').filter(Boolean);
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i]!;
    paths.push(entry.slice(3));
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return paths;
}

/**
 * Why `command` must not write in the work tree at `root`, or undefined: it has
 * uncommitted changes, and a migration must be one reviewable diff.
 */
export function dirtyTreeRefusal(command: string, root: string): string | undefined {
  const dirty = uncommittedPaths(root);
  if (dirty.length === 0) return undefined;
  return (
    `${command}: refusing to write: the git tree has uncommitted changes (${dirty.length} path(s), e.g. ${dirty[0]}).\n` +
    'Commit or stash them first so the migration is one reviewable diff, or pass --allow-dirty.\n'
  );
}

/** The subset of `files` (absolute paths) that .gitignore rules exclude; tracked files never are. */
export function gitIgnored(root: string, files: readonly string[]): Set<string> {
  if (files.length === 0) return new Set();
  const out = git(root, ['check-ignore', '--stdin', '-z'], files.join('\0'), [0, 1]) ?? '';
  return new Set(out.split('\0').filter(Boolean).map((file) => path.resolve(root, file)));
}

/** Runs git; undefined when git fails with an unexpected status (not a repository, not installed). */
function git(cwd: string, args: string[], input?: string, okStatuses = [0]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
  } catch (error) {
    const { status, stdout } = error as { status?: number | null; stdout?: string };
    return status != null && okStatuses.includes(status) ? (stdout ?? '') : undefined;
  }
}
