// Migrated code imports `taskscope`: the package that holds it must depend on
// it, or it no longer installs and runs. The runtime and the codemod are
// released together, so the codemod's own version is the runtime's.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { writeFileAtomic } from './write.js';

/** A package.json of the run that lacks `taskscope`, and whether `--write` added it. */
export interface MissingDependency {
  /** Relative to the working directory. */
  packageJson: string;
  added: boolean;
}

const runtimeVersion = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Whether a module's text imports the runtime (`from 'taskscope'` or `"taskscope"`). */
export function importsRuntime(text: string): boolean {
  return /\bfrom\s+['"]taskscope['"]/.test(text);
}

/**
 * For the files a migration made import `taskscope`, the nearest package.json
 * of each that has no `taskscope` in its dependencies (of any kind); with
 * `write`, adds `"taskscope": "^<version>"` to its `dependencies`, keeping
 * the file's indentation and key order.
 */
export function missingDependencies(files: readonly string[], write: boolean, cwd: string): MissingDependency[] {
  const manifests = new Set(files.map(nearestPackageJson).filter((file): file is string => file !== undefined));
  const missing: MissingDependency[] = [];
  for (const file of [...manifests].sort()) {
    const text = readFileSync(file, 'utf8');
    const manifest = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
    const declared = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].some((field) => manifest[field]?.taskscope !== undefined);
    if (declared) continue;
    if (write) {
      manifest.dependencies = { ...manifest.dependencies, taskscope: `^${runtimeVersion}` };
      const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
      writeFileAtomic(file, `${JSON.stringify(manifest, null, indent)}${text.endsWith('\n') ? '\n' : ''}`);
    }
    missing.push({ packageJson: path.relative(cwd, file) || file, added: write });
  }
  return missing;
}

function nearestPackageJson(file: string): string | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}
