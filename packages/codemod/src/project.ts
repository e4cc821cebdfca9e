import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

import { isTestPath } from '@taskscope/core';

import { Project, ts } from 'ts-morph';

import { gitIgnored } from './git.js';

/**
 * One ts-morph project to migrate: a tsconfig (or none) and the files chosen
 * from it. `open()` builds the project; the run opens one at a time, so a
 * monorepo's programs are never all in memory together.
 */
export interface PlannedProject {
  /** The tsconfig it comes from; undefined for the fallback project of files no tsconfig is above. */
  configPath: string | undefined;
  /** Absolute paths of the files to migrate. */
  files: string[];
  open(): { project: Project; files: ts.SourceFile[] };
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface ProjectSelection {
  projects: PlannedProject[];
  skipped: SkippedFile[];
  /** `paths…` arguments that matched no file. */
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
  /**
   * Give the files no tsconfig includes typescript-eslint's default project, as
   * its project service does with `allowDefaultProject`: those that a tsconfig
   * above leaves out too, all in one project with the default project's
   * compiler options (`defaultProjectOptions`). `taskscope check` does, so that
   * it sees what ESLint sees. Without it (the codemod) files a tsconfig leaves
   * out are skipped, and those with none above get strict ES2022 options.
   */
  defaultProject?: boolean;
  /** Leave test files out (`isTestPath`, below the cwd): tests start promises on purpose to assert on them. */
  skipTests?: boolean;
}

/**
 * Picks the files to migrate and the project each is analysed in.
 *
 * With `--project`: that tsconfig's own files (its include/exclude, or each
 * project a solution tsconfig references), restricted to `paths`.
 *
 * Without: the TypeScript files under `paths` (default: the cwd), each in
 * the project of its tsconfig, found as typescript-eslint's project service
 * finds it: the nearest `tsconfig.json` up from the file that includes it
 * (directly or through its references). So a monorepo root migrates every
 * package with its own compiler options, and the lint and the codemod see the
 * same types. A file that tsconfigs above it leave out is skipped; files with
 * no tsconfig above them at all form one fallback project.
 *
 * Declaration files, `node_modules` and git-ignored files are never migrated.
 */
export function loadProjects(options: LoadOptions): ProjectSelection {
  const filters = (options.paths ?? []).map((p) => path.resolve(options.cwd, p));
  const unmatched: string[] = [];
  const chosen = options.project === undefined ? nearestConfigs(options, filters, unmatched) : configFiles(options, filters, unmatched);

  const skipped: SkippedFile[] = [];
  const byConfig = new Map<string | undefined, string[]>();
  const ignored = gitIgnoredIn(options.gitRoot, chosen.map((c) => c.file));
  for (const { file, config, reason } of chosen) {
    if (/\.d\.[cm]?tsx?$/.test(file)) skipped.push({ path: file, reason: 'declaration file' });
    else if (ignored.has(file)) skipped.push({ path: file, reason: 'ignored by .gitignore' });
    else if (options.skipTests && isTestPath(file, options.cwd)) skipped.push({ path: file, reason: 'test file (--include-tests migrates it)' });
    else if (reason !== undefined) skipped.push({ path: file, reason });
    else {
      const group = byConfig.get(config);
      if (group) group.push(file);
      else byConfig.set(config, [file]);
    }
  }
  const fallback = options.defaultProject ? defaultProjectOptions(options.cwd) : codemodFallbackOptions;
  const projects = [...byConfig].map(([configPath, files]) => plannedProject(configPath, files, fallback));
  return { projects, skipped, unmatched };
}

/** A file and the tsconfig it is analysed with (undefined: the fallback project), or why it is left out. */
interface Choice {
  file: string;
  config: string | undefined;
  reason?: string;
}

/** Without `--project`: each file under the paths with the tsconfig the project service would give it. */
function nearestConfigs(options: LoadOptions, filters: readonly string[], unmatched: string[]): Choice[] {
  const finder = configFinder({ followImports: options.defaultProject });
  return filesUnder(filters.length > 0 ? filters : [options.cwd], unmatched).map((file) => {
    const { config, nearest } = finder.find(file);
    if (config !== undefined || nearest === undefined || options.defaultProject) return { file, config };
    return { file, config, reason: `not included by ${path.relative(options.cwd, nearest) || nearest}` };
  });
}

/** `--project`: its files (or its references' files), restricted to the paths; one file once. */
function configFiles(options: LoadOptions, filters: readonly string[], unmatched: string[]): Choice[] {
  const matched = new Set<string>();
  const chosen = new Map<string, Choice>();
  for (const { config, fileNames } of projectsOf(configFile(options), new Set())) {
    for (const file of fileNames) {
      const filter = filters.find((f) => file === f || file.startsWith(f + path.sep));
      if (filters.length > 0 && filter === undefined) continue;
      if (filter !== undefined) matched.add(filter);
      if (!file.split(path.sep).includes('node_modules') && !chosen.has(file)) chosen.set(file, { file, config });
    }
  }
  unmatched.push(...filters.filter((f) => !matched.has(f)));
  return [...chosen.values()];
}

/** `--project`: the file itself, or `tsconfig.json` in the folder. */
function configFile({ cwd, project }: LoadOptions): string {
  const resolved = path.resolve(cwd, project!);
  const file = existsSync(resolved) && statSync(resolved).isDirectory() ? path.join(resolved, 'tsconfig.json') : resolved;
  if (!existsSync(file)) throw new Error(`no tsconfig at ${file}`);
  return file;
}

/** The TypeScript sources under `roots` (files or folders), sorted; roots that hold none go to `unmatched`. */
function filesUnder(roots: readonly string[], unmatched: string[]): string[] {
  const found = new Set<string>();
  for (const root of roots) {
    const before = found.size;
    if (existsSync(root) && statSync(root).isFile()) {
      if (isSource(root)) found.add(root);
    } else if (existsSync(root)) {
      addSourcesIn(root, found);
    }
    if (found.size === before) unmatched.push(root);
  }
  return [...found].sort();
}

/**
 * Walks `dir` without entering `node_modules` or `.git`: a monorepo's installed
 * packages hold far more files than its sources (reading them first, as a
 * recursive `readdir` does, took a minute and gigabytes on a pnpm workspace).
 * Symlinked folders are not followed, which also keeps the walk out of cycles.
 */
function addSourcesIn(dir: string, found: Set<string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) addSourcesIn(full, found);
    else if (isSource(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && statSync(full).isFile()))) found.add(full);
  }
}

function isSource(file: string): boolean {
  return /\.[cm]?tsx?$/.test(file);
}

interface ParsedConfig {
  config: string;
  fileNames: string[];
}

/** A tsconfig's own files, or, for a solution tsconfig (no files, only references), each referenced project's. */
function projectsOf(configPath: string, visited: Set<string>): ParsedConfig[] {
  visited.add(configPath);
  const parsed = parseConfig(configPath);
  if (parsed.fileNames.length > 0) return [{ config: configPath, fileNames: parsed.fileNames.map((f) => path.resolve(f)) }];
  return (parsed.projectReferences ?? []).flatMap((reference) => {
    const referenced = ts.resolveProjectReferencePath(reference);
    return visited.has(referenced) || !existsSync(referenced) ? [] : projectsOf(referenced, visited);
  });
}

/**
 * Reads a tsconfig with TypeScript; one that doesn't parse fails here, naming
 * it. A base it extends that isn't there (a package not installed) is left
 * out, as the compiler would, rather than stopping the run; so is an empty
 * solution config's "no inputs".
 */
function parseConfig(configPath: string): ts.ParsedCommandLine {
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error) throw new Error(`${configPath}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configPath), undefined, configPath);
  const fatal = parsed.errors.find((d) => d.category === ts.DiagnosticCategory.Error && !lenient.has(d.code));
  if (fatal) throw new Error(`${configPath}: ${ts.flattenDiagnosticMessageText(fatal.messageText, '\n')}`);
  return parsed;
}

// 18003 no inputs (a solution config), 6053 a file not found and 5083 a file not readable (an `extends` target).
const lenient: ReadonlySet<number> = new Set([18003, 6053, 5083]);

/**
 * The project service's search for a file's tsconfig, with each config read
 * once: up from the file's folder, the first `tsconfig.json` that includes it
 * (or whose references do) is its project. `nearest` is the closest one seen.
 *
 * With `followImports`, as the project service does, a file that the nearest
 * tsconfig leaves out but whose program imports it (a test including
 * `../jest.config.ts`) belongs to that tsconfig: the service finds it in the
 * project it loads first. Its imports are followed without building the
 * program (`importClosure`).
 */
export function configFinder(options: { followImports?: boolean } = {}): {
  find(file: string): { config: string | undefined; nearest: string | undefined };
} {
  const claimed = new Map<string, ReadonlyMap<string, string>>();
  const imported = new Map<string, ReadonlySet<string>>();
  // File → the config that owns it: the config's own files, then those of the projects it references.
  const filesOf = (config: string, visiting = new Set<string>()): ReadonlyMap<string, string> => {
    const cached = claimed.get(config);
    if (cached) return cached;
    visiting.add(config);
    const parsed = parseConfig(config);
    const owners = new Map(parsed.fileNames.map((file) => [path.resolve(file), config]));
    for (const reference of parsed.projectReferences ?? []) {
      const target = ts.resolveProjectReferencePath(reference);
      if (visiting.has(target) || !existsSync(target)) continue;
      for (const [file, owner] of filesOf(target, visiting)) if (!owners.has(file)) owners.set(file, owner);
    }
    claimed.set(config, owners);
    return owners;
  };
  const importedBy = (config: string, file: string): boolean => {
    let files = imported.get(config);
    if (!files) imported.set(config, (files = importClosure(config)));
    return files.has(file);
  };
  return {
    find(file) {
      let nearest: string | undefined;
      let owner: string | undefined;
      for (let dir = path.dirname(file); owner === undefined; dir = path.dirname(dir)) {
        const config = path.join(dir, 'tsconfig.json');
        if (existsSync(config)) {
          nearest ??= config;
          owner = filesOf(config).get(file);
        }
        if (path.dirname(dir) === dir) break;
      }
      if (options.followImports && nearest !== undefined && owner !== nearest && importedBy(nearest, file)) return { config: nearest, nearest };
      return { config: owner, nearest };
    },
  };
}

/**
 * The TypeScript sources a tsconfig's program holds: its own files and, through
 * their imports and `/// <reference path>`s as its options resolve them, every
 * source file they reach outside `node_modules`. Read with the scanner, not
 * parsed or checked.
 */
function importClosure(config: string): ReadonlySet<string> {
  const { fileNames, options } = parseConfig(config);
  const cache = ts.createModuleResolutionCache(path.dirname(config), (name) => name, options);
  const seen = new Set<string>();
  const pending = fileNames.map((file) => path.resolve(file));
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const text = ts.sys.readFile(file);
    if (text === undefined) continue;
    const { importedFiles, referencedFiles } = ts.preProcessFile(text, true, true);
    for (const reference of referencedFiles) pending.push(path.resolve(path.dirname(file), reference.fileName));
    for (const { fileName } of importedFiles) {
      const resolved = ts.resolveModuleName(fileName, file, options, ts.sys, cache).resolvedModule;
      if (resolved && !resolved.isExternalLibraryImport && isSource(resolved.resolvedFileName)) pending.push(path.resolve(resolved.resolvedFileName));
    }
  }
  return seen;
}

const codemodFallbackOptions: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.Preserve, strict: true, skipLibCheck: true };

/**
 * The compiler options of typescript-eslint's default project: those of
 * `tsconfig.json` in its root (here the working directory) when there is one,
 * else the ones TypeScript gives an inferred project (its defaults, with `allowJs`).
 */
export function defaultProjectOptions(root: string): ts.CompilerOptions {
  const config = path.join(root, 'tsconfig.json');
  if (existsSync(config)) return parseConfig(config).options;
  return { ...ts.getDefaultCompilerOptions(), allowJs: true };
}

function plannedProject(configPath: string | undefined, files: string[], fallbackOptions: ts.CompilerOptions): PlannedProject {
  return {
    configPath,
    files,
    open() {
      const project = configPath
        ? new Project({ tsConfigFilePath: configPath, skipFileDependencyResolution: true })
        : new Project({ compilerOptions: fallbackOptions });
      if (!configPath) project.addSourceFilesAtPaths(files);
      const sourceFiles = files.map((file) => (project.getSourceFile(file) ?? project.addSourceFileAtPath(file)).compilerNode);
      return { project, files: sourceFiles };
    },
  };
}

function gitIgnoredIn(root: string | undefined, files: readonly string[]): Set<string> {
  if (root === undefined) return new Set();
  return gitIgnored(root, files.filter((file) => file.startsWith(root + path.sep)));
}
