// Packs the four packages with pnpm, as they would be published, and checks
// each tarball the way a consumer's install would find it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';

import { map } from '../../packages/runtime/src/index.js';
import { cleanEnv, exec } from './exec.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The pinned pnpm (the root's devDependency), run with node: no npx download, no version drift. */
export const pnpmCli = path.join(repoRoot, 'node_modules/pnpm/bin/pnpm.cjs');

/** Publish order: each package's workspace dependencies come before it. */
export const packageDirs = ['packages/runtime', 'packages/core', 'packages/eslint-plugin', 'packages/codemod'];

export interface Packed {
  name: string;
  /** The package folder in the repository. */
  dir: string;
  tarball: string;
  /** The tarball unpacked: `<unpacked>/package.json` is the manifest as published. */
  unpacked: string;
  manifest: Manifest;
  /** Paths inside the package, `/`-separated. */
  files: string[];
}

export interface Manifest {
  name: string;
  version: string;
  bin?: string | Record<string, string>;
  main?: string;
  module?: string;
  types?: string;
  typings?: string;
  exports?: unknown;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Packs every package into `<dest>/` and unpacks each tarball beside it. Needs a fresh `pnpm build`. */
export async function packAll(dest: string): Promise<Packed[]> {
  for (const dir of packageDirs) {
    if (!existsSync(path.join(repoRoot, dir, 'dist'))) throw new Error(`${dir}/dist is missing: run \`npx pnpm@10 build\` first`);
  }
  const runs = await map(packageDirs, (dir, signal) =>
    exec(process.execPath, [pnpmCli, 'pack', '--json', '--pack-destination', dest], { cwd: path.join(repoRoot, dir), env: cleanEnv(), timeout: 60_000, signal }),
  );
  return runs.map((run, index) => {
    const dir = packageDirs[index] as string;
    if (run.code !== 0) throw new Error(`pnpm pack in ${dir} failed (exit ${run.code}):\n${run.stderr}${run.stdout}`);
    const tarball = (JSON.parse(run.stdout) as { filename: string }).filename;
    const unpacked = path.join(dest, 'unpacked', path.basename(tarball, '.tgz'));
    mkdirSync(unpacked, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
    const manifest = JSON.parse(readFileSync(path.join(unpacked, 'package.json'), 'utf8')) as Manifest;
    const files = readdirSync(unpacked, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(unpacked, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .sort();
    return { name: manifest.name, dir: path.join(repoRoot, dir), tarball, unpacked, manifest, files };
  });
}

/** What is wrong with one packed package, one line each; empty when it is fit to publish. */
export function packagingProblems(packed: Packed): string[] {
  const { manifest, files } = packed;
  const shipped = new Set(files);
  const problems: string[] = [];

  const manifestText = readFileSync(path.join(packed.unpacked, 'package.json'), 'utf8');
  for (const match of manifestText.matchAll(/"([^"]+)":\s*"workspace:[^"]*"/g)) problems.push(`package.json keeps a workspace: range for ${match[1]}`);

  for (const [field, target] of entryPoints(manifest)) {
    if (!shipped.has(normalize(target))) problems.push(`${field} points at ${target}, which is not in the tarball`);
  }
  if (existsSync(path.join(packed.dir, 'README.md')) && !shipped.has('README.md')) problems.push('README.md is not in the tarball');

  for (const file of files) {
    if (/^(src|test|bench|scripts|__testfixtures__)\//.test(file) || /\.tsbuildinfo$|\.test\.[cm]?[jt]s$/.test(file)) {
      problems.push(`${file} is shipped, but only the build belongs in the tarball`);
    }
  }

  const declared = new Set([manifest.name, ...Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies })]);
  for (const file of files.filter((f) => /\.(c|m)?js$|\.d\.(c|m)?ts$/.test(f))) {
    const { importedFiles, typeReferenceDirectives } = ts.preProcessFile(readFileSync(path.join(packed.unpacked, file), 'utf8'), true, true);
    for (const { fileName: specifier } of [...importedFiles, ...typeReferenceDirectives]) {
      if (specifier.startsWith('.')) {
        const target = normalize(path.posix.join(path.posix.dirname(file), specifier));
        if (!resolvesIn(shipped, target, file)) problems.push(`${file} imports ${specifier}, which is not in the tarball`);
      } else if (!isBuiltin(specifier) && !declared.has(packageName(specifier))) {
        const imported = /\.d\.(c|m)?ts$/.test(file) ? `types from ${specifier}` : specifier;
        problems.push(`${file} imports ${imported}, but ${packageName(specifier)} is not in dependencies or peerDependencies`);
      }
    }
  }
  return problems;
}

/** Every file the manifest names as an entry point: bin, main, module, types and each exports target. */
function entryPoints(manifest: Manifest): [string, string][] {
  const points: [string, string][] = [];
  if (typeof manifest.bin === 'string') points.push(['bin', manifest.bin]);
  else for (const [name, target] of Object.entries(manifest.bin ?? {})) points.push([`bin.${name}`, target]);
  for (const field of ['main', 'module', 'types', 'typings'] as const) {
    const target = manifest[field];
    if (target !== undefined) points.push([field, target]);
  }
  const walk = (value: unknown, where: string): void => {
    if (typeof value === 'string') points.push([where, value]);
    else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) walk(inner, `${where}[${JSON.stringify(key)}]`);
  };
  walk(manifest.exports, 'exports');
  return points;
}

/** A relative import of built code, as Node (a .js file) or TypeScript (its .d.ts) would find it. */
function resolvesIn(shipped: Set<string>, target: string, from: string): boolean {
  if (shipped.has(target)) return true;
  if (from.endsWith('.d.ts')) return shipped.has(target.replace(/\.(c|m)?js$/, '.d.$1ts')) || shipped.has(`${target}.d.ts`) || shipped.has(`${target}/index.d.ts`);
  return false;
}

const normalize = (file: string) => path.posix.normalize(file).replace(/^\.\//, '');

const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0] as string);

const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
