// What the harness reads of the tools' output, and how a migrated run is
// compared with the baseline: test outcomes by test id, type errors and lint
// problems as multisets keyed without line numbers (edits move lines).
import path from 'node:path';

import { stripColors } from './exec.js';

export type Status = 'passed' | 'failed' | 'skipped';

export interface Outcome {
  status: Status;
  /** The first lines of the failure message; empty unless failed. */
  message: string;
}

/** Test id (`file > describe > test`) to its outcome. */
export type Outcomes = Map<string, Outcome>;

/** The JSON that `jest --json` writes, and `vitest --reporter=json` in the same shape. */
export interface JestJson {
  testResults: {
    /** The test file, absolute. */
    name: string;
    status: string;
    message: string;
    assertionResults: { ancestorTitles: string[]; title: string; status: string; failureMessages: string[] }[];
  }[];
}

const MESSAGE_LINES = 6;

/** The first lines of a failure message, without the test runner's own stack frames. */
export function firstLines(text: string, lines = MESSAGE_LINES): string {
  return stripColors(text)
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line && !/^\s*at .*node_modules/.test(line))
    .slice(0, lines)
    .join('\n');
}

/**
 * The outcome of every test of a report, by id: the file relative to `root`, then the describe
 * blocks and the title. A file that failed with no failing test (it did not load, a hook threw)
 * is one more id, `<file> (file)`. A title repeated in one file gets `#2`, `#3`.
 */
export function outcomesOf(report: JestJson, root: string): Outcomes {
  const outcomes: Outcomes = new Map();
  for (const file of report.testResults) {
    const relative = path.relative(root, file.name).split(path.sep).join('/');
    for (const test of file.assertionResults) {
      const base = [relative, ...test.ancestorTitles, test.title].join(' > ');
      let id = base;
      for (let n = 2; outcomes.has(id); n++) id = `${base} #${n}`;
      const status: Status = test.status === 'passed' ? 'passed' : test.status === 'failed' ? 'failed' : 'skipped';
      outcomes.set(id, { status, message: status === 'failed' ? firstLines(test.failureMessages.join('\n')) : '' });
    }
    if (file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed')) {
      outcomes.set(`${relative} (file)`, { status: 'failed', message: firstLines(file.message) });
    }
  }
  return outcomes;
}

export function countByStatus(outcomes: Outcomes): Record<Status, number> {
  const counts: Record<Status, number> = { passed: 0, failed: 0, skipped: 0 };
  for (const { status } of outcomes.values()) counts[status]++;
  return counts;
}

export interface NewFailure {
  id: string;
  /** `missing`: it passed in the baseline and did not run after. */
  status: Status | 'missing';
  message: string;
}

export interface TestComparison {
  /** Passed in every baseline run, and in no migrated run. */
  newFailures: NewFailure[];
  /** Ids whose outcome differs between the baseline runs, with each run's status. */
  flaky: { id: string; statuses: (Status | 'missing')[] }[];
  /** Passed in every baseline run, failed in one migrated run and passed in the other: flaky too, reported, not counted. */
  flakyAfter: { id: string; statuses: (Status | 'missing')[] }[];
  /** Failed in a baseline run and passed after: flaky too, or fixed by the migration. */
  passedAfter: string[];
}

/** `afters`: the migrated runs, one or two (a second when the first had a new failure). */
export function compareTests(baselines: readonly Outcomes[], afters: readonly Outcomes[]): TestComparison {
  const ids = new Set(baselines.flatMap((run) => [...run.keys()]));
  const newFailures: NewFailure[] = [];
  const flaky: TestComparison['flaky'] = [];
  const flakyAfter: TestComparison['flakyAfter'] = [];
  const passedAfter: string[] = [];
  for (const id of ids) {
    const statuses = baselines.map((run) => run.get(id)?.status ?? 'missing');
    if (new Set(statuses).size > 1) flaky.push({ id, statuses });
    const outcomes = afters.map((run) => run.get(id));
    const passedInSome = outcomes.some((outcome) => outcome?.status === 'passed');
    if (statuses.includes('failed') && passedInSome) passedAfter.push(id);
    if (!statuses.every((status) => status === 'passed') || outcomes.every((outcome) => outcome?.status === 'passed')) continue;
    if (passedInSome) {
      flakyAfter.push({ id, statuses: outcomes.map((outcome) => outcome?.status ?? 'missing') });
    } else {
      const [outcome] = outcomes;
      newFailures.push({ id, status: outcome?.status ?? 'missing', message: outcome?.message ?? '' });
    }
  }
  // A test the baseline never had (a new file-level failure) counts when it fails in every migrated run.
  for (const [id, outcome] of afters[0] ?? []) {
    if (!ids.has(id) && afters.every((run) => run.get(id)?.status === 'failed')) newFailures.push({ id, status: 'failed', message: outcome.message });
  }
  return { newFailures, flaky, flakyAfter, passedAfter };
}

/** The migrated test run may take this much longer than the baseline's. */
export const TIME_LIMIT = 1.2;

/** The mean test time of the migrated runs over the mean of the baseline runs'. */
export function timeRatio(baselineSeconds: readonly number[], migratedSeconds: readonly number[]): number {
  const mean = (seconds: readonly number[]) => seconds.reduce((sum, s) => sum + s, 0) / seconds.length;
  return mean(migratedSeconds) / mean(baselineSeconds);
}

/**
 * The entries of `after` beyond as many as `before` has of the same key: a multiset difference.
 * With a key that leaves out the line, an edit that moves an error does not make it new.
 */
export function beyond<T>(before: readonly T[], after: readonly T[], key: (item: T) => string): T[] {
  const left = new Map<string, number>();
  for (const item of before) left.set(key(item), (left.get(key(item)) ?? 0) + 1);
  return after.filter((item) => {
    const count = left.get(key(item)) ?? 0;
    left.set(key(item), count - 1);
    return count <= 0;
  });
}

export interface Diagnostic {
  /** Relative to the project's root; empty for a global diagnostic. */
  file: string;
  line: number;
  code: string;
  message: string;
}

export const diagnosticKey = (d: Diagnostic) => `${d.file}\0${d.code}\0${d.message}`;

/**
 * The errors in `tsc --pretty false` output (tsgo's is the same), run in `cwd`. A message that
 * spans lines (an elaboration chain) continues on indented lines.
 */
export function parseDiagnostics(output: string, cwd: string, root: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const line of output.split('\n')) {
    const located = /^(.+)\((\d+),\d+\): error (TS\d+): (.*)$/.exec(line);
    const global = /^error (TS\d+): (.*)$/.exec(line);
    if (located) {
      const file = path.relative(root, path.resolve(cwd, located[1] as string)).split(path.sep).join('/');
      diagnostics.push({ file, line: Number(located[2]), code: located[3] as string, message: located[4] as string });
    } else if (global) {
      diagnostics.push({ file: '', line: 0, code: global[1] as string, message: global[2] as string });
    } else if (/^\s+\S/.test(line) && diagnostics.length > 0) {
      const last = diagnostics[diagnostics.length - 1] as Diagnostic;
      last.message += `\n${line.trimEnd()}`;
    }
  }
  return diagnostics;
}

export interface LintProblem {
  /** Relative to the project's root. */
  file: string;
  /** The rule id; `(parse)` for a file ESLint could not parse. */
  rule: string;
  line: number;
  message: string;
}

export const lintKey = (p: LintProblem) => `${p.file}\0${p.rule}`;

/** The problems in `eslint --format json` output. */
export function parseEslint(json: string, root: string): LintProblem[] {
  const files = JSON.parse(json) as { filePath: string; messages: { ruleId: string | null; fatal?: boolean; line?: number; message: string }[] }[];
  return files.flatMap(({ filePath, messages }) =>
    messages.map((m) => ({
      file: path.relative(root, filePath).split(path.sep).join('/'),
      rule: m.ruleId ?? (m.fatal ? '(parse)' : '(eslint)'),
      line: m.line ?? 0,
      message: m.message,
    })),
  );
}
