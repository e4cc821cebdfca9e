// The matrix: which TypeScript a throwaway project has, which package manager
// installs it, and which of the README's setups it follows.
import type { Packed } from './pack.js';

export type PackageManager = 'npm' | 'pnpm';

export interface Case {
  /** `ts5.5-npm`: the case's name in test titles and the summary. */
  id: string;
  pm: PackageManager;
  /**
   * The README's setup the project follows (test/install/readme.ts): the blocks
   * whose installs it runs, in order, and the block that is its eslint.config.mjs.
   */
  readme: { installs: string[]; eslintConfig: string };
  /** The case's TypeScript in place of the README's `typescript@6` (or bare `typescript`); undefined: the README's as written. */
  typescript?: string;
  /** The version `tsc -v` must print, and the one `require('typescript')` must give the tools (a prefix: `7` is any 7.x). */
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

/** The README's line for TypeScript 6 or 5, with the case's TypeScript. */
const plain = (pm: PackageManager, version: string): Case => ({
  id: `ts${version}-${pm}`,
  pm,
  readme: { installs: ['install', 'codemod'], eslintConfig: 'eslint-config' },
  typescript: `typescript@~${version}.0`,
  expect: { tsc: version, api: version },
  compiler: 'typescript',
  lint: 'typed',
});

/**
 * TypeScript 7 the way typescript-eslint users run it, the README's line as it
 * is: the native compiler under another name owns `tsc`, and the name
 * `typescript` is the 6.0 compatibility package, whose API the tools import.
 */
const sideBySide = (pm: PackageManager): Case => ({
  id: `ts7.0-${pm}`,
  pm,
  readme: { installs: ['install-ts7', 'codemod'], eslintConfig: 'eslint-config' },
  expect: { tsc: '7', api: '6' },
  compiler: '@typescript/native',
  lint: 'typed',
});

/**
 * The first report: TypeScript 7 and nothing else. No typescript-eslint
 * can run here; `taskscope check` and the codemod must, and the plugin lints the
 * JavaScript untyped, with no `typescript` it could use.
 */
const nativeOnly: Case = {
  id: 'ts7.0-native-only-npm',
  pm: 'npm',
  readme: { installs: ['install-ts7-native', 'codemod'], eslintConfig: 'eslint-config-js' },
  typescript: 'typescript@~7.0.2',
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
 * What the project's package.json gets before the README's installs, besides
 * what `npm init -y` wrote: `@taskscope/core` is unpublished, so an override
 * points the plugin's and the codemod's dependency on it at its tarball. The
 * codemod also depends on the plugin (`taskscope check` runs its presets): npm
 * settles that on the direct dependency's tarball, pnpm would fetch it from the
 * registry, so pnpm's overrides point it at the tarball too.
 */
export function overridesFor(testCase: Case, packed: readonly Packed[]): object {
  const overrides = { '@taskscope/core': tarball(packed, '@taskscope/core') };
  if (testCase.pm === 'npm') return { overrides };
  return { pnpm: { overrides: { ...overrides, 'eslint-plugin-taskscope': tarball(packed, 'eslint-plugin-taskscope') } } };
}

/**
 * A README install as this case runs it: the case's package manager (`pnpm
 * add` for `npm i`), the case's TypeScript, each taskscope package from its
 * tarball. Everything else is the README's word for word.
 */
export function installArgs(testCase: Case, command: readonly string[], packed: readonly Packed[]): string[] {
  const [, , ...rest] = command;
  const words = rest.map((word) => {
    if (testCase.typescript && /^typescript(@[^:]*)?$/.test(word)) return testCase.typescript;
    return packed.some((p) => p.name === word) ? tarball(packed, word).slice('file:'.length) : word;
  });
  return testCase.pm === 'npm' ? ['install', ...words] : ['add', ...words];
}

function tarball(packed: readonly Packed[], name: string): string {
  const found = packed.find((p) => p.name === name);
  if (!found) throw new Error(`${name} was not packed`);
  return `file:${found.tarball}`;
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
