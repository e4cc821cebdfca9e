import path from 'node:path';

import { CONFIG_FILE } from '../config.js';
import type { CheckReport } from './run.js';
import { SUPPRESSIONS_FILE } from './suppressions.js';

/** Problems per rule, every rule of the preset listed, in its order. */
export function countByRule(report: CheckReport): Map<string, number> {
  const counts = new Map(report.rules.map((rule) => [rule.name, 0]));
  for (const file of report.files) {
    for (const problem of file.problems) if (problem.rule !== null) counts.set(problem.rule, (counts.get(problem.rule) ?? 0) + 1);
  }
  return counts;
}

/**
 * The end-of-run summary for the terminal: the files, where the rules'
 * settings came from (when there is a configuration file or an ESLint flat
 * config that might be thought to hold them), then the problems per rule
 * with each rule's docs.
 */
export function summaryText(report: CheckReport, cwd: string, eslintConfig?: string): string {
  const problems = report.files.reduce((n, f) => n + f.problems.length, 0);
  const withProblems = report.files.filter((f) => f.problems.length > 0).length;
  const lines = [
    `taskscope check (${report.preset}): ${report.files.length} files, ` +
      (problems === 0 ? 'no problems' : `${problems} problem${problems === 1 ? '' : 's'} in ${withProblems} file${withProblems === 1 ? '' : 's'}`),
  ];
  const shown = (file: string) => path.relative(cwd, file) || file;
  if (report.config || eslintConfig) {
    const source = report.config ? shown(report.config) : `configs.${report.preset}'s defaults`;
    const eslint = eslintConfig && `, not ${shown(eslintConfig)}${report.config ? '' : ` (share its taskscope settings through ${CONFIG_FILE})`}`;
    lines.push(`  rule settings: ${source}${eslint ?? ''}`);
  }
  const counts = countByRule(report);
  const width = Math.max(...report.rules.map((rule) => rule.id.length));
  for (const rule of report.rules) lines.push(`  ${rule.id.padEnd(width)} ${String(counts.get(rule.name)).padStart(5)}  ${rule.url}`);
  const fatal = report.files.filter((f) => f.problems.some((p) => p.fatal));
  if (fatal.length > 0) lines.push(`  ${'parsing errors'.padEnd(width)} ${String(fatal.length).padStart(5)}  (no rule ran in ${fatal.length === 1 ? 'that file' : 'those files'})`);
  const suppressedBy = (kind: string) => report.files.reduce((n, f) => n + f.suppressed.filter((p) => p.suppressions?.some((s) => s.kind === kind)).length, 0);
  if (suppressedBy('directive') > 0) lines.push(`  suppressed by eslint-disable comments: ${suppressedBy('directive')}`);
  if (suppressedBy('file') > 0) lines.push(`  suppressed by ${SUPPRESSIONS_FILE}: ${suppressedBy('file')}`);
  if (report.inDefaultProject > 0) lines.push(`  ${report.inDefaultProject} file(s) that no tsconfig includes were checked in the default project`);
  if (report.skipped.length > 0) {
    const reasons = [...new Set(report.skipped.map((s) => s.reason))].join(', ');
    lines.push(`  skipped: ${report.skipped.length} (${reasons})`);
  }
  for (const unmatched of report.unmatched) lines.push(`  error: ${path.relative(cwd, unmatched) || unmatched} matches no TypeScript file of the project`);
  return `${lines.join('\n')}\n`;
}
