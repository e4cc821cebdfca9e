// ESLint (eslint-plugin-taskscope, typed through the project service) and
// `taskscope check` over the same files, each finding as `file:line rule`:
// the two must report the same sets.
import path from 'node:path';

import * as parser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';

import { defaultProjectGlobs, filesOutsideProjects } from '../../../../test/real-corpus/corpus.js';
import plugin from '../../../eslint-plugin/src/index.js';
import type { CheckReport } from '../../src/check/run.js';

export type Preset = 'recommended' | 'strict';

const SOURCES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

export interface Findings {
  /** `file:line rule`, the file relative to the root, sorted. */
  findings: string[];
  /** Files that did not parse, as `file:line message`. */
  fatal: string[];
}

/**
 * ESLint over `files` (absolute, TypeScript) as a user of the plugin would
 * run it typed: the project service with `tsconfigRootDir` at `root`, and the
 * files no tsconfig includes in its default project.
 */
export async function eslintFindings(root: string, files: readonly string[], preset: Preset, inlineConfig = true): Promise<Findings> {
  const parserOptions = {
    projectService: {
      allowDefaultProject: defaultProjectGlobs(root, files, filesOutsideProjects(files)),
      maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: files.length,
    },
    tsconfigRootDir: root,
  };
  const config: Linter.Config[] = [
    { linterOptions: { noInlineConfig: !inlineConfig, reportUnusedDisableDirectives: 'off' } },
    { files: SOURCES, languageOptions: { parser, parserOptions } },
    { ...(plugin.configs[preset] as Linter.Config), files: SOURCES },
  ];
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, ignore: false, overrideConfig: config });
  const results = await eslint.lintFiles([...files]);
  const findings: string[] = [];
  const fatal: string[] = [];
  for (const result of results) {
    const file = relative(root, result.filePath);
    for (const message of result.messages) {
      if (message.fatal) fatal.push(`${file}:${message.line} ${message.message}`);
      else if (message.ruleId?.startsWith('taskscope/')) findings.push(`${file}:${message.line} ${message.ruleId}`);
    }
  }
  return { findings: unique(findings), fatal: fatal.sort() };
}

/** The same for a `taskscope check` report. */
export function checkFindings(root: string, report: CheckReport): Findings {
  const findings: string[] = [];
  const fatal: string[] = [];
  for (const file of report.files) {
    for (const problem of file.problems) {
      if (problem.fatal) fatal.push(`${relative(root, file.path)}:${problem.line} ${problem.message}`);
      else findings.push(`${relative(root, file.path)}:${problem.line} ${problem.rule}`);
    }
  }
  return { findings: unique(findings), fatal: fatal.sort() };
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

function unique(items: string[]): string[] {
  return [...new Set(items)].sort();
}
