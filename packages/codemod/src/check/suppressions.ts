// ESLint's bulk suppressions (ESLint ≥ 9.24), read and written as ESLint's CLI
// does, so one eslint-suppressions.json serves both front ends:
//   { "<file, relative to the cwd, /-separated>": { "<rule>": { "count": n } } }
// A file's errors of a rule are all suppressed while there are no more of them
// than the count, and all reported once there are. Warnings are never counted.
// `taskscope check` knows only the taskscope rules: it counts, prunes and
// reports as unused only their entries, and keeps every other rule's.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { CheckReport } from './run.js';

export const SUPPRESSIONS_FILE = 'eslint-suppressions.json';

/** Per file, per rule, how many errors are suppressed. */
export type Suppressions = Record<string, Record<string, { count: number }>>;

export function loadSuppressions(file: string): Suppressions {
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Suppressions;
  } catch (error) {
    throw new Error(`Failed to parse suppressions file at ${file}`, { cause: error });
  }
}

/** Keys sorted at every level and two-space indentation, byte for byte what ESLint writes (json-stable-stringify). */
export function saveSuppressions(file: string, suppressions: Suppressions): void {
  writeFileSync(file, stableStringify(suppressions, ''));
}

function stableStringify(value: unknown, indent: string): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const inner = `${indent}  `;
  const keys = Object.keys(value).sort();
  const members = keys.map((key) => `${inner}${JSON.stringify(key)}: ${stableStringify((value as Record<string, unknown>)[key], inner)}`);
  return `{\n${members.join(',\n')}${members.length > 0 ? '\n' : ''}${indent}}`;
}

/** `--suppress-all` (rules undefined) or `--suppress-rule`: each checked file's current count of errors per rule. */
export function suppress(report: CheckReport, suppressions: Suppressions, cwd: string, rules?: readonly string[]): void {
  for (const file of report.files) {
    for (const [rule, count] of errorCounts(file.problems)) {
      if (rules && !rules.includes(rule)) continue;
      (suppressions[relative(cwd, file.path)] ??= {})[rule] = { count };
    }
  }
}

/**
 * Moves the suppressed problems of each file to `suppressed`, and returns the
 * suppressions of the checked rules that matched fewer errors than they allow
 * (by how many), as ESLint reports them unused.
 */
export function applySuppressions(report: CheckReport, suppressions: Suppressions, cwd: string): Suppressions {
  const checked = new Set(report.rules.map((rule) => rule.name));
  const unused: Suppressions = {};
  for (const file of report.files) {
    const key = relative(cwd, file.path);
    const entries = suppressions[key];
    if (!entries) continue;
    const counts = errorCounts(file.problems);
    for (const [rule, { count }] of Object.entries(entries)) {
      if (!checked.has(rule)) continue;
      const errors = counts.get(rule) ?? 0;
      if (errors > 0 && errors <= count) {
        const kept = file.problems.filter((problem) => problem.rule !== rule);
        const moved = file.problems.filter((problem) => problem.rule === rule).map((problem) => ({ ...problem, suppressions: [{ kind: 'file' as const, justification: '' }] }));
        file.problems = kept;
        file.suppressed.push(...moved);
      }
      if (errors < count) (unused[key] ??= {})[rule] = { count: count - errors };
    }
  }
  return unused;
}

/** `--prune-suppressions`: lowers or removes what no longer occurs, and drops the entries of files that are gone. */
export function prune(report: CheckReport, suppressions: Suppressions, cwd: string): void {
  // Worked out on copies of the files, which applying suppressions changes.
  const files = report.files.map((file) => ({ ...file, problems: [...file.problems], suppressed: [...file.suppressed] }));
  const unused = applySuppressions({ ...report, files }, suppressions, cwd);
  for (const [file, rules] of Object.entries(unused)) {
    for (const [rule, { count }] of Object.entries(rules)) {
      const entry = suppressions[file]![rule]!;
      if (entry.count === count) delete suppressions[file]![rule];
      else entry.count -= count;
    }
    if (Object.keys(suppressions[file]!).length === 0) delete suppressions[file];
  }
  for (const file of Object.keys(suppressions)) if (!existsSync(path.resolve(cwd, file))) delete suppressions[file];
}

/** A file's errors per rule; a parsing error has no rule and is never counted. */
function errorCounts(problems: CheckReport['files'][number]['problems']): Map<string, number> {
  const counts = new Map<string, number>();
  for (const problem of problems) if (problem.severity === 2 && problem.rule !== null) counts.set(problem.rule, (counts.get(problem.rule) ?? 0) + 1);
  return counts;
}

function relative(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}
