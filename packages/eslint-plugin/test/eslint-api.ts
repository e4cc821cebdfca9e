// What the whole-plugin tests share: the plugin as ESLint's own API types see it,
// the parsers, and a throwaway typed project on disk for the project service.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as tsParser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';

import taskscope from '../src/index.js';

export { tsParser };

/** The plugin as users get it, typed with ESLint's own API. */
export const plugin = taskscope;

/** Every rule id, unprefixed, in the plugin's order. */
export const ruleIds = Object.keys(taskscope.rules) as (keyof typeof taskscope.rules)[];

/** Every rule at 'error' with its default options. */
export const everyRule: Linter.RulesRecord = Object.fromEntries(ruleIds.map((id) => [`taskscope/${id}`, 'error']));

export const runtimeEntry = fileURLToPath(new URL('../../runtime/src/index.ts', import.meta.url));
const typeRoots = fileURLToPath(new URL('../../../node_modules/@types', import.meta.url));

/**
 * A temporary ES module project whose tsconfig maps `taskscope` to the runtime's
 * source, with Node's types, JSX and .js files included. `dispose()` removes it.
 */
export function temporaryProject(prefix: string): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), `taskscope-${prefix}-`));
  const compilerOptions = {
    target: 'es2022',
    lib: ['es2024', 'dom', 'esnext.disposable'],
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    allowJs: true,
    checkJs: false,
    jsx: 'preserve',
    resolveJsonModule: true,
    noEmit: true,
    skipLibCheck: true,
    typeRoots: [typeRoots],
    types: ['node'],
    paths: { taskscope: [runtimeEntry] },
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['**/*'] }, null, 2));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
