// The comparison of a project's migrated run with its baseline, and the report
// printed at the end: what the tests assert, with everything a reader needs to
// find the rewrite behind a failure.
import type { Project } from './projects.js';
import {
  type Diagnostic,
  type LintProblem,
  type NewFailure,
  TIME_LIMIT,
  type TestComparison,
  beyond,
  compareTests,
  countByStatus,
  diagnosticKey,
  lintKey,
  timeRatio,
} from './results.js';
import type { MigrateReport, ProjectRun, TestRun } from './run-project.js';

/** The share of rewrites that should deliver cancellation (each project's test asserts it). */
export const DELIVERY_GOAL = 0.8;

export interface Comparison {
  newTypeErrors: Diagnostic[];
  tests: TestComparison;
  /** Migrated test time over the mean of the baseline runs'. */
  timeRatio: number;
  /** ESLint problems beyond the baseline's count for their file and rule. */
  newLintProblems: LintProblem[];
  /** Files Prettier formatted before and not after. */
  newlyUnformatted: string[];
}

/** Needs a complete run (`runProject` returned). */
export function compare(record: ProjectRun): Comparison {
  const { typeErrors, baseline, migrated, eslint, prettier } = record;
  if (!typeErrors.before || !typeErrors.after || migrated.length === 0 || !eslint.before || !eslint.after || !prettier.before || !prettier.after) {
    throw new Error('the run did not finish: see the error of the first step that failed');
  }
  return {
    newTypeErrors: beyond(typeErrors.before, typeErrors.after, diagnosticKey),
    tests: compareTests(
      baseline.map((run) => run.outcomes),
      migrated.map((run) => run.outcomes),
    ),
    timeRatio: timeRatio(
      baseline.map((run) => run.seconds),
      migrated.map((run) => run.seconds),
    ),
    newLintProblems: beyond(eslint.before, eslint.after, lintKey),
    newlyUnformatted: beyond(prettier.before, prettier.after, (file) => file),
  };
}

export function reportText(project: Project, record: ProjectRun): string {
  const lines = [`═══ taskscope e2e: ${project.title} (${project.id}) ═══`, ''];
  const runs: [string, TestRun | undefined, Diagnostic[] | undefined][] = [
    ['baseline 1', record.baseline[0], record.typeErrors.before],
    ['migrated', record.migrated[0], record.typeErrors.after],
    ['migrated 2', record.migrated[1], undefined],
    ['baseline 2', record.baseline[1], undefined],
  ];
  const counts = runs.map(([, run]) => (run ? countByStatus(run.outcomes) : undefined));
  const row = (label: string, cells: (string | undefined)[]) => `${label.padEnd(16)}${cells.map((cell) => (cell ?? '-').padStart(12)).join('')}`;
  lines.push(
    row('', runs.map(([name]) => name)),
    row('type errors', runs.map(([, , errors]) => errors?.length.toString())),
    row('tests passed', counts.map((c) => c?.passed.toString())),
    row('tests failed', counts.map((c) => c?.failed.toString())),
    row('tests skipped', counts.map((c) => c?.skipped.toString())),
    row('test time (s)', runs.map(([, run]) => run?.seconds.toFixed(1))),
    '',
  );

  if (record.migration) lines.push(...migrationLines(record.migration), '');

  let comparison: Comparison | undefined;
  try {
    comparison = compare(record);
  } catch {
    lines.push('The run stopped before the comparison: see the error of the step that failed.', '');
  }
  if (comparison) {
    const { newTypeErrors, tests, newLintProblems, newlyUnformatted } = comparison;
    const over = record.baseline.length === 1 ? 'the baseline run' : 'the mean of the baseline runs';
    lines.push(`time ratio: ${comparison.timeRatio.toFixed(2)} (${record.migrated.length === 1 ? 'migrated' : 'the mean of the migrated runs'} / ${over}; limit ${TIME_LIMIT})`, '');
    lines.push(`new type errors: ${newTypeErrors.length}`, ...newTypeErrors.map((d) => indent(`${d.file}:${d.line} ${d.code} ${d.message}`)), '');
    lines.push(`new test failures: ${tests.newFailures.length}`, ...tests.newFailures.flatMap(failureLines), '');
    if (record.baseline.length === 1) lines.push('flaky in the baseline: not measured (one baseline run: the migrated run had no new failure and kept the time)', '');
    else lines.push(`flaky in the baseline (outcome differs between its two runs): ${tests.flaky.length}`, ...tests.flaky.map((f) => indent(`${f.id} [${f.statuses.join(' / ')}]`)), '');
    if (record.migrated.length > 1) lines.push(`flaky after the migration (failed in one migrated run, passed in the other): ${tests.flakyAfter.length}`, ...tests.flakyAfter.map((f) => indent(`${f.id} [${f.statuses.join(' / ')}]`)), '');
    lines.push(`failed in the baseline, passed after: ${tests.passedAfter.length}`, ...tests.passedAfter.map((id) => indent(id)), '');
    lines.push(`ESLint, new problems in the changed files: ${newLintProblems.length}`, ...newLintProblems.map((p) => indent(`${p.file}:${p.line} ${p.rule}: ${p.message}`)), '');
    lines.push(`Prettier, changed files no longer formatted: ${newlyUnformatted.length}`, ...newlyUnformatted.map((file) => indent(file)), '');
  }

  if (record.second) {
    const { run, changed, diff } = record.second;
    lines.push(changed.length === 0 ? 'second run: changes nothing' : `second run: changes ${changed.length} file(s) (exit ${run.code}):`, ...changed.map((entry) => indent(entry)));
    if (diff) lines.push(indent(diff.trimEnd(), '    '));
    lines.push('');
  }

  if (record.notes.length > 0) lines.push('notes:', ...record.notes.map((note) => indent(note)), '');
  const install = record.install ? ` (${record.install.resolved} packages, ${record.install.downloaded} downloaded)` : '';
  const total = record.phases.reduce((sum, phase) => sum + phase.seconds, 0);
  lines.push('time per step (s):', ...record.phases.map((p) => indent(`${p.name.padEnd(36)}${p.seconds.toFixed(1).padStart(8)}${p.name === 'install' ? install : ''}`)));
  lines.push(indent(`${'total'.padEnd(36)}${total.toFixed(1).padStart(8)}`));
  if (record.root) lines.push('', `project: ${record.root}`);
  return `${lines.join('\n')}\n`;
}

function migrationLines(migration: NonNullable<ProjectRun['migration']>): string[] {
  const { paths, run, report, changed, manifests, undeclared } = migration;
  const lines = [
    `migration: taskscope-migrate --write ${paths.join(' ')}`,
    indent(`exit ${run.code}, ${changed.length} file(s) changed; taskscope added to ${manifests.join(', ') || 'no package.json'}`),
    ...(undeclared.length > 0 ? [indent(`imported but not declared in: ${undeclared.join(', ')}`)] : []),
  ];
  if (!report) return [...lines, indent(`no report was written:\n${run.stderr.trim()}`)];
  const list = (key: 'rewritten' | 'marked') =>
    Object.entries(report.counts)
      .filter(([, count]) => count[key] > 0)
      .map(([id, count]) => `${id} ${count[key]}`)
      .join(', ') || 'none';
  lines.push(indent(`rewrites: ${list('rewritten')}`), indent(`markers:  ${report.markers} (${list('marked')})`), ...deliveryLines(report));
  for (const file of report.files.filter((f) => f.status === 'error')) lines.push(indent(`error: ${file.path}`));
  return lines;
}

/** The share of rewrites whose task's signal reaches a call that takes one, when the report lists rewrites. */
export function deliveryLines(report: MigrateReport): string[] {
  const listed = report.files.filter((file) => Array.isArray(file.rewrites));
  if (listed.length === 0) return [indent('delivery: n/a (report has no rewrites list)')];
  const rewrites = listed.flatMap((file) => (file.rewrites ?? []).map((rewrite) => ({ ...rewrite, path: file.path })));
  if (rewrites.length === 0) return [indent('delivery: no rewrites, so nothing to deliver')];
  const delivering = rewrites.filter((r) => r.delivers);
  const share = delivering.length / rewrites.length;
  const byTransform = [...new Set(rewrites.map((r) => r.transform))]
    .map((id) => `${id} ${delivering.filter((r) => r.transform === id).length}/${rewrites.filter((r) => r.transform === id).length}`)
    .join(', ');
  const verdict = share >= DELIVERY_GOAL ? 'meets' : 'below';
  return [
    indent(`delivery: ${delivering.length}/${rewrites.length} rewrites deliver cancellation (${share.toFixed(2)}; ${verdict} the goal ≥ ${DELIVERY_GOAL})${byTransform ? `: ${byTransform}` : ''}`),
    ...rewrites.filter((r) => !r.delivers).map((r) => indent(`does not deliver: ${r.path}:${r.line} ${r.transform}`, '    ')),
  ];
}

function failureLines(failure: NewFailure): string[] {
  const message = failure.status === 'missing' ? 'did not run' : failure.message || failure.status;
  return [indent(failure.id), indent(message, '      ')];
}

function indent(text: string, prefix = '  '): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
