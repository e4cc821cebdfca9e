// The tests of one project of the end-to-end proof (issue 20): the whole run
// happens once, in beforeAll; each test asserts on one part of what it
// recorded, so one kind of regression shows as one failing test with its list.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { packAll } from '../install/pack.js';
import type { Project } from './projects.js';
import { DELIVERY_GOAL, compare, reportText } from './report.js';
import { TIME_LIMIT } from './results.js';
import { newProjectRun, type ProjectRun, runProject, writeOutputs } from './run-project.js';
import { archivesDir } from './workspace.js';

const HOUR = 3_600_000;

/** TASKSCOPE_E2E_ONLY=mcp (or `mcp,anthropic`) runs only those projects. */
const only = process.env.TASKSCOPE_E2E_ONLY?.split(',').map((id) => id.trim());

export function describeProject(project: Project): void {
  const archive = path.join(archivesDir, project.archive);
  if (!existsSync(archive)) {
    console.warn(`\n⚠ e2e ${project.id}: SKIPPED, no ${archive} (set TASKSCOPE_E2E_DIR to the folder of the archives).\n`);
    it.skip(`e2e ${project.id}: no archive at ${archive}`, () => {});
    return;
  }
  if (only && !only.includes(project.id)) {
    it.skip(`e2e ${project.id}: not in TASKSCOPE_E2E_ONLY=${only.join(',')}`, () => {});
    return;
  }

  describe(`end to end on ${project.title}`, () => {
    const record: ProjectRun = newProjectRun(mkdtempSync(path.join(tmpdir(), `taskscope-e2e-${project.id}-`)));
    const comparison = () => compare(record);

    beforeAll(async () => {
      const packed = await packAll(path.join(record.work, 'tarballs'));
      const runtime = packed.find((p) => p.name === 'taskscope');
      if (!runtime) throw new Error('packages/runtime was not packed');
      await runProject(project, record, runtime);
    }, 2 * HOUR);

    afterAll(() => {
      const text = reportText(project, record);
      const files = writeOutputs(record, text);
      console.log(`${text}\nreport: ${files.report}\ndiff:   ${files.diff}`);
      if (process.env.TASKSCOPE_E2E_KEEP) console.log(`The run is kept in ${record.work}.`);
      else rmSync(record.work, { recursive: true, force: true });
    });

    it('taskscope-migrate --write migrates its sources with no file in error', () => {
      const { run, report } = record.migration!;
      expect(run.code, run.stderr).toBe(0);
      expect(report?.summary.error).toBe(0);
    });

    it('adds taskscope to the dependencies of each package whose migrated code imports it', () => {
      expect(record.migration!.undeclared).toEqual([]);
    });

    it(`delivers cancellation in at least ${DELIVERY_GOAL} of its rewrites (the task's signal reaches work that takes one)`, () => {
      const rewrites = record.migration!.report!.files.flatMap((file) => (file.rewrites ?? []).map((r) => ({ ...r, path: file.path })));
      const missed = rewrites.filter((r) => !r.delivers).map((r) => `${r.path}:${r.line} ${r.transform}`);
      expect(rewrites.length - missed.length, missed.join('\n')).toBeGreaterThanOrEqual(DELIVERY_GOAL * rewrites.length);
    });

    it('adds no type error', () => {
      expect(comparison().newTypeErrors).toEqual([]);
    });

    it('adds no test failure (test ids that passed in every baseline run)', () => {
      expect(comparison().tests.newFailures.map((failure) => failure.id)).toEqual([]);
    });

    it(`keeps the test time within ${TIME_LIMIT}x the baseline's`, () => {
      expect(comparison().timeRatio).toBeLessThanOrEqual(TIME_LIMIT);
    });

    it("adds no problem of the project's own ESLint in the changed files", () => {
      expect(comparison().newLintProblems).toEqual([]);
    });

    it("leaves the changed files formatted as the project's own Prettier wants, where they were", () => {
      expect(comparison().newlyUnformatted).toEqual([]);
    });

    it('is idempotent: a second run changes nothing', () => {
      const { run, changed } = record.second!;
      expect(run.code, run.stderr).toBe(0);
      expect(changed).toEqual([]);
    });
  });
}
