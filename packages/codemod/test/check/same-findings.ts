// ESLint (eslint-plugin-taskscope, typed through the project service) and
// `taskscope check` over the same files, each finding as `file:line rule`:
// the two must report the same sets.
import path from 'node:path';

import { ESLint } from 'eslint';

import { filesOutsideProjects } from '../../../../test/real-corpus/corpus.js';
import { lintConfig } from '../../../eslint-plugin/test/real-corpus/sweep.js';
import type { CheckReport } from '../../src/check/run.js';

export type Preset = 'recommended' | 'strict';

export interface Findings {
  /** `file:line rule`, the file relative to the root, sorted. */
  findings: string[];
  /** Files that did not parse, as `file:line message`. */
  fatal: string[];
}

/**
 * ESLint over `files` (absolute, TypeScript) as a user of the plugin would
 * run it typed: the project service with `tsconfigRootDir` at `root`, and the
 * files no tsconfig includes in its default project, eslint-disable comments on.
 * `cwd` (default: `root`) is ESLint's, which the rules take for the project's
 * root (what counts as test code is below it). typescript-eslint keeps one
 * project service per process, made with the first run's options: runs in one
 * process must give the same `root` and `files` (lint a part with `only`).
 */
export async function eslintFindings(
  root: string,
  files: readonly string[],
  preset: Preset,
  { cwd = root, only = files }: { cwd?: string; only?: readonly string[] } = {},
): Promise<Findings> {
  const config = lintConfig({ root, files, outside: filesOutsideProjects(files), mode: 'typed', preset, inlineConfig: true });
  const eslint = new ESLint({ cwd, overrideConfigFile: true, ignore: false, overrideConfig: config });
  const results = await eslint.lintFiles([...only]);
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
