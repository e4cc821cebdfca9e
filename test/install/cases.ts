// The matrix: which TypeScript a throwaway project has, which package manager
// installs it, and the package.json a user of that setup would write.
import type { Packed } from './pack.js';

export type PackageManager = 'npm' | 'pnpm';

export interface Case {
  /** `ts5.5-npm`: the case's name in test titles and the summary. */
  id: string;
  pm: PackageManager;
  /** What the project's devDependencies say about TypeScript. */
  typescript: Record<string, string>;
  /** The version `tsc -v` must print, and the one `require('typescript')` must give the tools. */
  expect: { tsc: string; api: string };
  /** The package whose tsc typechecks the project, run by path: the checks hold even when `.bin/tsc` is another. */
  compiler: string;
  /**
   * How the project lints: `typed` with typescript-eslint, which needs a TypeScript with the
   * JavaScript API (4.8 to 6.0); `js`, its JavaScript only, with ESLint's own parser and no
   * typescript-eslint (the plugin's untyped mode, with no usable `typescript` in the project).
   */
  lint: 'typed' | 'js';
}

const plain = (pm: PackageManager, version: string): Case => ({
  id: `ts${version}-${pm}`,
  pm,
  typescript: { typescript: `~${version}.0` },
  expect: { tsc: version, api: version },
  compiler: 'typescript',
  lint: 'typed',
});

/**
 * TypeScript 7 the way typescript-eslint users run it: the native compiler
 * under another name owns `tsc`, and the name `typescript` is the 6.0
 * compatibility package, whose API (6.0.x) the tools import. Its own bin is `tsc6`.
 */
const sideBySide = (pm: PackageManager): Case => ({
  id: `ts7.0-${pm}`,
  pm,
  typescript: { '@typescript/native': 'npm:typescript@~7.0.2', typescript: 'npm:@typescript/typescript6@^6.0.2' },
  expect: { tsc: '7.0', api: '6.0' },
  compiler: '@typescript/native',
  lint: 'typed',
});

/**
 * The first report: `typescript@latest` and nothing else. No typescript-eslint
 * can run here; the codemod must, and the plugin lints the JavaScript untyped, with no
 * `typescript` it could use.
 */
const nativeOnly: Case = {
  id: 'ts7.0-native-only-npm',
  pm: 'npm',
  typescript: { typescript: '~7.0.2' },
  expect: { tsc: '7.0', api: '7.0' },
  compiler: 'typescript',
  lint: 'js',
};

/**
 * Every compiler once at least: npm, the package manager most users have, at
 * the floor (5.5), on 6.0 and on 7.0 side by side, plus the bare 7.0 project;
 * pnpm (strict node_modules, where an undeclared import fails) on the last 5.x
 * and on 7.0. The README says why these and what they cost.
 */
export const allCases: Case[] = [
  plain('npm', '5.5'),
  plain('npm', '6.0'),
  sideBySide('npm'),
  nativeOnly,
  plain('pnpm', '5.9'),
  sideBySide('pnpm'),
];

/**
 * The throwaway project's package.json: the runtime as a dependency (migrated
 * code imports it), the tools as devDependencies, all four packages from their
 * tarballs. `@taskscope/core` is unpublished, so an override points the
 * plugin's and the codemod's dependency on it at its tarball. The codemod also
 * depends on the plugin (`taskscope check` runs its presets): npm settles that
 * on the direct dependency's tarball, pnpm would fetch it from the registry.
 */
export function manifestFor(testCase: Case, packed: readonly Packed[]): object {
  const tarball = (name: string) => {
    const found = packed.find((p) => p.name === name);
    if (!found) throw new Error(`${name} was not packed`);
    return `file:${found.tarball}`;
  };
  const plugin = { eslint: '^10.0.0', 'eslint-plugin-taskscope': tarball('eslint-plugin-taskscope') };
  const tools = testCase.lint === 'typed' ? { ...plugin, 'typescript-eslint': '8.72.0' } : plugin;
  const overrides = { '@taskscope/core': tarball('@taskscope/core') };
  return {
    name: `taskscope-install-${testCase.id}`,
    version: '1.0.0',
    private: true,
    type: 'module',
    dependencies: { taskscope: tarball('taskscope') },
    devDependencies: { ...testCase.typescript, ...tools, '@taskscope/codemod': tarball('@taskscope/codemod') },
    ...(testCase.pm === 'npm' ? { overrides } : { pnpm: { overrides: { ...overrides, 'eslint-plugin-taskscope': tarball('eslint-plugin-taskscope') } } }),
  };
}

/** The cases a run takes: all, or those named in TASKSCOPE_INSTALL_CASES (comma-separated ids). */
export function selectCases(names: string | undefined): Case[] {
  if (!names) return allCases;
  return names.split(',').map((name) => {
    const found = allCases.find((c) => c.id === name.trim());
    if (!found) throw new Error(`TASKSCOPE_INSTALL_CASES: no case ${name}; the cases are ${allCases.map((c) => c.id).join(', ')}`);
    return found;
  });
}
