import { fileURLToPath } from 'node:url';

import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** The fixture project: file.ts, react.tsx and file.js, with `taskscope` mapped to the runtime's source. */
export const fixtureDir = fileURLToPath(new URL('./fixture/', import.meta.url));

/**
 * Typed: @typescript-eslint/parser with the project service, so rules see the
 * checker. Cases pick the file with `filename: 'file.ts' | 'react.tsx' | 'file.js'`
 * (default file.ts).
 */
export const typedTester = new RuleTester({
  languageOptions: {
    parserOptions: { projectService: { allowDefaultProject: ['*.js'] }, tsconfigRootDir: fixtureDir },
  },
  defaultFilenames: { ts: 'file.ts', tsx: 'react.tsx' },
});

/** Syntactic: @typescript-eslint/parser without type information. */
export const syntacticTester = new RuleTester({
  languageOptions: { parserOptions: { tsconfigRootDir: fixtureDir } },
  defaultFilenames: { ts: 'file.ts', tsx: 'react.tsx' },
});

/** Plain JavaScript through ESLint's default parser (espree): no TS nodes at all. */
export const espreeTester = new RuleTester({
  languageOptions: { parser: espree, ecmaVersion: 'latest', sourceType: 'module' },
});
