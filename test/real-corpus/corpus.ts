// The real-code corpus (../shared/corpus/real-ts.tar.gz beside the repository,
// or TASKSCOPE_REAL_CORPUS): seven public repositories, unpacked into a fresh
// temporary folder, never into the repository.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';

import { configFinder } from '../../packages/codemod/src/project.js';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
export const archive = path.resolve(process.env.TASKSCOPE_REAL_CORPUS ?? path.join(repositoryRoot, '../shared/corpus/real-ts.tar.gz'));

/** Whether the corpus is there; a sweep without it says so and skips. */
export function corpusAvailable(label: string): boolean {
  if (existsSync(archive)) return true;
  console.warn(`\n⚠ ${label}: SKIPPED, no real-code corpus at ${archive} (set TASKSCOPE_REAL_CORPUS to its path).\n`);
  return false;
}

export interface Corpus {
  dir: string;
  /** The repositories, one folder each. */
  repositories: string[];
  /** Every TypeScript source, absolute. */
  files: string[];
  /** Sources TypeScript itself can't parse (a git symlink stored as text): no linter can, so they are left out. */
  unparsable: string[];
  dispose(): void;
}

export function unpackCorpus(): Corpus {
  const dir = mkdtempSync(path.join(tmpdir(), 'taskscope-real-'));
  execFileSync('tar', ['-xzf', archive, '-C', dir]);
  const repositories = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const files: string[] = [];
  const unparsable: string[] = [];
  for (const file of sourcesIn(dir)) (parses(file) ? files : unparsable).push(file);
  return { dir, repositories, files, unparsable, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export const SOURCE = /\.[cm]?tsx?$/;

function sourcesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => SOURCE.test(name) && !name.split(path.sep).includes('node_modules'))
    .map((name) => path.join(dir, name))
    .sort();
}

function parses(file: string): boolean {
  const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, kind);
  return ((sourceFile as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? []).length === 0;
}

/**
 * The files no tsconfig claims, which typescript-eslint's project service
 * needs listed in `allowDefaultProject`: the codemod's search for a file's
 * tsconfig, which is the project service's, finds none (a file the nearest
 * tsconfig's program imports is claimed, and must not be listed).
 */
export function filesOutsideProjects(files: readonly string[]): string[] {
  const finder = configFinder({ followImports: true });
  return files.filter((file) => finder.find(file).config === undefined);
}

/**
 * `allowDefaultProject` globs, relative to `root`, for `outside` (files no
 * tsconfig claims) among `files`: a folder's `*` when every source directly in
 * it is outside, else the files by name. typescript-eslint matches each file
 * against every glob, so fewer globs lint faster.
 */
export function defaultProjectGlobs(root: string, files: readonly string[], outside: readonly string[]): string[] {
  const outsideSet = new Set(outside);
  const byFolder = new Map<string, string[]>();
  for (const file of files) {
    const folder = path.dirname(file);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  const globs = new Set<string>();
  for (const file of outside) {
    const folder = path.dirname(file);
    const whole = byFolder.get(folder)!.every((sibling) => outsideSet.has(sibling));
    const prefix = folder === root ? '' : `${escapeGlob(path.relative(root, folder))}/`;
    globs.add(whole ? `${prefix}*` : escapeGlob(path.relative(root, file)));
  }
  return [...globs];
}

function escapeGlob(text: string): string {
  return text.split(path.sep).join('/').replace(/[?*()[\]{}!+@]/g, '\\$&');
}
