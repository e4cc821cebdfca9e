import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

import { Project, ts } from 'ts-morph';

import { gitIgnored } from './git.js';

/** One ts-morph project to migrate: a tsconfig (or none) and the files chosen from it. */
export interface LoadedProject {
  /** The tsconfig it came from; undefined for the fallback project of loose files. */
  configPath: string | undefined;
  project: Project;
  files: ts.SourceFile[];
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface ProjectSelection {
  projects: LoadedProject[];
  skipped: SkippedFile[];
  /** `paths…` arguments that matched no file of the project(s). */
  unmatched: string[];
}

export interface LoadOptions {
  cwd: string;
  /** `--project`: a tsconfig file or a folder holding tsconfig.json. */
  project?: string;
  /** `[paths…]`: files or folders that restrict the run. */
  paths?: readonly string[];
  /** The git work tree root, for .gitignore; undefined outside git. */
  gitRoot?: string;
}

/**
 * Loads the tsconfig (given or discovered upwards from cwd) with ts-morph and
 * picks the files to migrate: the project's own files (its include/exclude),
 * minus declaration files and git-ignored files, restricted to `paths`. A
 * solution tsconfig (no files, only references) loads each referenced
 * project. Without a tsconfig, the TypeScript files under cwd form the project.
 */
export function loadProjects(options: LoadOptions): ProjectSelection {
  const configPath = findConfig(options);
  const projects = configPath ? projectsFromConfig(configPath, new Set()) : [looseProject(options.cwd)];
  const filters = (options.paths ?? []).map((p) => path.resolve(options.cwd, p));
  const matched = new Set<string>();
  const taken = new Set<string>();
  const skipped: SkippedFile[] = [];
  const pending: { entry: LoadedProject; file: ts.SourceFile; filePath: string }[] = [];

  for (const entry of projects) {
    for (const file of entry.project.getSourceFiles()) {
      const filePath = path.resolve(file.getFilePath());
      const filter = filters.find((f) => filePath === f || filePath.startsWith(f + path.sep));
      if (filters.length > 0 && filter === undefined) continue;
      if (filter !== undefined) matched.add(filter);
      // A file shared by two referenced projects is migrated once.
      if (filePath.split(path.sep).includes('node_modules') || taken.has(filePath)) continue;
      taken.add(filePath);
      if (file.isDeclarationFile()) skipped.push({ path: filePath, reason: 'declaration file' });
      else pending.push({ entry, file: file.compilerNode, filePath });
    }
  }

  const ignored = gitIgnoredIn(options.gitRoot, pending.map((p) => p.filePath));
  for (const { entry, file, filePath } of pending) {
    if (ignored.has(filePath)) skipped.push({ path: filePath, reason: 'ignored by .gitignore' });
    else entry.files.push(file);
  }
  return { projects, skipped, unmatched: filters.filter((f) => !matched.has(f)) };
}

function findConfig({ cwd, project }: LoadOptions): string | undefined {
  if (project === undefined) return ts.findConfigFile(cwd, ts.sys.fileExists);
  const resolved = path.resolve(cwd, project);
  const file = existsSync(resolved) && statSync(resolved).isDirectory() ? path.join(resolved, 'tsconfig.json') : resolved;
  if (!existsSync(file)) throw new Error(`no tsconfig at ${file}`);
  return file;
}

function projectsFromConfig(configPath: string, visited: Set<string>): LoadedProject[] {
  visited.add(configPath);
  // Read with TypeScript first: a broken config fails here, and a solution
  // config (no files, only references) needs no ts-morph project of its own.
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config ?? {}, ts.sys, path.dirname(configPath), undefined, configPath);
  // 18003 "No inputs were found" is how a solution config looks.
  const fatal = [error, ...parsed.errors].find((d) => d && d.category === ts.DiagnosticCategory.Error && d.code !== 18003);
  if (fatal) throw new Error(`${configPath}: ${ts.flattenDiagnosticMessageText(fatal.messageText, '\n')}`);
  if (parsed.fileNames.length > 0) {
    const project = new Project({ tsConfigFilePath: configPath, skipFileDependencyResolution: true });
    return [{ configPath, project, files: [] }];
  }
  return (parsed.projectReferences ?? []).flatMap((reference) => {
    const referenced = ts.resolveProjectReferencePath(reference);
    return visited.has(referenced) || !existsSync(referenced) ? [] : projectsFromConfig(referenced, visited);
  });
}

function looseProject(cwd: string): LoadedProject {
  const project = new Project({
    compilerOptions: { target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.Preserve, strict: true, skipLibCheck: true },
  });
  project.addSourceFilesAtPaths([`${cwd}/**/*.{ts,tsx,mts,cts}`, `!${cwd}/**/node_modules/**`]);
  return { configPath: undefined, project, files: [] };
}

function gitIgnoredIn(root: string | undefined, files: readonly string[]): Set<string> {
  if (root === undefined) return new Set();
  return gitIgnored(root, files.filter((file) => file.startsWith(root + path.sep)));
}
