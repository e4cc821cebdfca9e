// The install matrix: the four packages packed with `pnpm pack`, as they would
// be published, installed from the tarballs into throwaway projects the way
// the README says, with npm and with pnpm, on TypeScript 5.5, 5.9, 6.0 and 7.0
// (the native compiler beside the 6.0 API, the setup typescript-eslint users
// have; and 7.0 alone, where only `taskscope check`, the codemod and the
// JavaScript lint are expected to work).
//
// Each project starts from `npm init -y`, runs the README's installs and uses
// its eslint.config.mjs, read from README.md (readme.ts), so a README that no
// longer works fails here. Then: tsc builds it (dist/, which the config must
// ignore), `eslint .` reports exactly the sites the sample marks and no parsing
// error, `taskscope check` the same, `taskscope-migrate` prints a diff and
// writes nothing, `--write` writes that diff, tsc still passes, and eslint
// reports less, only at review markers.
//
// Cases (cases.ts says why these): npm on 5.5, 6.0 and 7.0, pnpm on 5.9 and
// 7.0, and the bare 7.0 project with npm: six, three at a time, sharing one npm
// cache and one pnpm store (in the run's temp folder, or TASKSCOPE_INSTALL_CACHE
// to keep them). test/install/README.md has the figures per case.
// Needs `pnpm build` first; skips, loudly, only when the npm registry can't be
// reached. TASKSCOPE_INSTALL_CASES=id,id runs some cases only.
import { mkdtempSync, readFileSync, statfsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { type RunnerTestFile, type RunnerTestSuite, afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type OpenScope, type Task, openScope } from '../../packages/runtime/src/index.js';
import { selectCases } from './cases.js';
import { type Run, cleanEnv, exec } from './exec.js';
import { type Packed, packAll, packageDirs, packagingProblems, repoRoot } from './pack.js';
import { type CaseRun, type Steps, runCase } from './run-case.js';
import { expectedFindings, readLint } from './sample.js';

/** Cases installing at once: installs wait on the network and the disk, the rest shares 2 cores. */
const CONCURRENCY = 3;
const cases = selectCases(process.env.TASKSCOPE_INSTALL_CASES);

const registry = await exec('npm', ['ping', '--fetch-retries=0', '--fetch-timeout=20000'], { cwd: repoRoot, env: cleanEnv(), timeout: 30_000 });

if (registry.code !== 0) {
  const reason = registry.stderr.split('\n').find((line) => /error/i.test(line)) ?? `exit ${registry.code}`;
  console.warn(`\n⚠ install matrix: SKIPPED, the npm registry is unreachable (npm ping: ${reason}).\n`);
  it.skip(`install matrix: the npm registry is unreachable (${reason})`, () => {});
} else {
  describe('install matrix', () => {
    let root: string;
    let started: number;
    let packed: Packed[];
    let matrix: OpenScope;
    const runs = new Map<string, Task<CaseRun>>();

    beforeAll(async () => {
      started = performance.now();
      root = mkdtempSync(path.join(scratchDir(), 'taskscope-install-'));
      const cache = process.env.TASKSCOPE_INSTALL_CACHE ?? path.join(root, 'cache');
      const caches = { npm: path.join(cache, 'npm'), pnpmStore: path.join(cache, 'pnpm-store'), pnpmMetadata: path.join(cache, 'pnpm-metadata') };
      packed = await packAll(path.join(root, 'tarballs'));
      // The scope owns the cases' child processes; the tests below await their results one by one.
      matrix = openScope({ concurrency: CONCURRENCY, name: 'install matrix' });
      for (const testCase of cases) runs.set(testCase.id, matrix.spawn((signal) => runCase(testCase, packed, path.join(root, 'projects'), caches, signal)));
    }, 120_000);

    // Vitest reads the first parameter as fixtures, which must be destructured.
    afterAll(async ({}, suite) => {
      await matrix?.join();
      console.log(summary(suite, await Promise.all(runs.values()), (performance.now() - started) / 1000));
      if (process.env.TASKSCOPE_INSTALL_KEEP) console.log(`The projects are kept in ${root}/projects.`);
      else await rm(root, { recursive: true, force: true });
    }, 600_000);

    // Every bin, main, exports and types target shipped, the README too; no workspace: range left,
    // no relative import of a file left out, no import of a package not declared, no tests or sources.
    describe('packed tarballs', () => {
      for (const dir of packageDirs) {
        it(`${dir} is fit to publish`, () => {
          const found = packed.find((p) => p.dir === path.join(repoRoot, dir));
          expect(found, `${dir} was not packed`).toBeDefined();
          expect(packagingProblems(found as Packed)).toEqual([]);
        });
      }
    });

    for (const testCase of cases) {
      describe(testCase.id, () => {
        let run: CaseRun;
        // Each case waits for its own run; the runs were started together above.
        beforeAll(async () => {
          run = await (runs.get(testCase.id) as Task<CaseRun>);
        }, 1_200_000);
        // Deleting a project is slow disk work: done here, it overlaps the cases still running.
        afterAll(async () => {
          if (run && !process.env.TASKSCOPE_INSTALL_KEEP) await rm(run.dir, { recursive: true, force: true });
        }, 300_000);
        const steps = (): Steps => {
          if (!run.steps) throw new Error(`not run: the install failed\n${report(run.install)}`);
          return run.steps;
        };

        it(`follows the README's setup from npm init -y, installing the tarballs with ${testCase.pm}`, () => {
          expect(run.install.code, report(run.install)).toBe(0);
        });

        it(`runs the ${testCase.expect.tsc} tsc, and the tools get the ${testCase.expect.api} compiler API`, () => {
          const { tscVersion, apiVersion } = steps();
          expect(tscVersion.stdout, report(tscVersion)).toMatch(new RegExp(`^Version ${testCase.expect.tsc.replace('.', '\\.')}\\.`));
          expect(apiVersion.stdout, report(apiVersion)).toMatch(new RegExp(`^${testCase.expect.api.replace('.', '\\.')}\\.`));
        });

        it('typechecks and builds to dist/ before the migration', () => {
          const { tscBefore } = steps();
          expect(tscBefore.code, report(tscBefore)).toBe(0);
        });

        it(`eslint (recommended, ${testCase.lint === 'typed' ? 'typed' : 'JavaScript only, untyped'}) reports the marked sites and nothing else`, () => {
          const lint = steps().lintBefore;
          // 1 is "found problems"; 2 is a crash (a rule threw, the config or a module failed to load).
          expect(lint.code, report(lint)).toBe(1);
          const { findings, fatal } = readLint(lint.stdout, run.dir);
          expect(fatal).toEqual([]);
          // billing.ts's floating audit() call is only visible with types: finding it shows the run was typed.
          const expected = expectedFindings().filter((finding) => testCase.lint === 'typed' || /^[^:]+\.js:/.test(finding));
          expect(findings).toEqual(expected);
        });

        it('taskscope check (typed, with the compiler it brings) reports the marked sites of the TypeScript files, in SARIF 2.1.0', () => {
          const { check } = steps();
          expect(check.code, report(check)).toBe(1);
          const sarif = JSON.parse(check.stdout) as Sarif;
          expect(sarif.version).toBe('2.1.0');
          const [log] = sarif.runs;
          const found = log!.results.map((r) => {
            const { artifactLocation, region } = r.locations[0]!.physicalLocation;
            return `${artifactLocation.uri}:${region.startLine} ${r.ruleId}`;
          });
          expect(log!.invocations[0]?.toolExecutionNotifications ?? []).toEqual([]);
          // It checks what tsconfig.json includes: the TypeScript sources, not the JavaScript scripts.
          expect(found.sort()).toEqual(expectedFindings().filter((finding) => /^[^:]+\.ts:/.test(finding)));
        });

        it('taskscope-migrate prints the diff and writes nothing', () => {
          const { dryRun, statusAfterDryRun } = steps();
          expect(dryRun.code, report(dryRun)).toBe(0);
          expect(dryRun.stdout).toMatch(/^\+import \{ [^}]+ \} from 'taskscope';$/m);
          expect(dryRun.stderr).toContain('Dry run: nothing was written');
          expect(statusAfterDryRun).toBe('');
        });

        it('taskscope-migrate --write writes what the dry run showed', () => {
          const { dryRun, write, diff, changed } = steps();
          expect(write.code, report(write)).toBe(0);
          expect(changed.length).toBeGreaterThan(0);
          expect(changed).toEqual(diffFiles(dryRun.stdout));
          expect(changedLines(diff)).toEqual(changedLines(dryRun.stdout));
          for (const file of changed) expect(readFileSync(path.join(run.dir, file), 'utf8')).toMatch(/^import \{ [^}]+ \} from 'taskscope';$/m);
        });

        it('typechecks after the migration', () => {
          const { write, tscAfter } = steps();
          expect(write.code, 'not run: --write failed').toBe(0);
          expect(tscAfter.code, report(tscAfter)).toBe(0);
        });

        if (testCase.lint === 'typed') {
          it('eslint reports less after the migration: in migrated files only at review markers', () => {
            const { lintBefore, lintAfter, changed } = steps();
            expect(lintAfter.code, report(lintAfter)).not.toBe(2);
            const before = readLint(lintBefore.stdout, run.dir).findings;
            const after = readLint(lintAfter.stdout, run.dir);
            expect(after.fatal).toEqual([]);
            expect(after.findings.length).toBeLessThan(before.length);
            const inChanged = (finding: string) => changed.includes(finding.slice(0, finding.indexOf(':')));
            expect(after.findings.filter((f) => !inChanged(f))).toEqual(before.filter((f) => !inChanged(f)));
            expect(after.findings.filter((f) => inChanged(f) && !atReviewMarker(run.dir, f))).toEqual([]);
          });
        }
      });
    }
  });
}

/** What the check step reads of a SARIF log. */
interface Sarif {
  version: string;
  runs: {
    results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
    invocations: { toolExecutionNotifications?: unknown[] }[];
  }[];
}

/**
 * Where the projects go. Installing and deleting them is mostly small-file I/O, so a RAM disk
 * (Linux's /dev/shm, when it has room) halves a run on a machine with a slow disk.
 */
function scratchDir(): string {
  try {
    const { bavail, bsize } = statfsSync('/dev/shm');
    if (bavail * bsize > 4 * 2 ** 30) return '/dev/shm';
  } catch {
    // No /dev/shm here.
  }
  return tmpdir();
}

/** A failed step, for an assertion message: its command, exit code and the end of its output. */
function report(run: Run): string {
  const output = `${run.stderr}\n${run.stdout}`.trim();
  return `${run.command}\nexit ${run.code} after ${run.seconds.toFixed(1)} s\n${output.length > 4000 ? `…${output.slice(-4000)}` : output}`;
}

/** The files a unified diff (the CLI's or git's) changes. */
const diffFiles = (diff: string) => [...diff.matchAll(/^\+\+\+ b\/(\S+)/gm)].map((m) => m[1] as string).sort();

/** The added and removed lines of a diff, sorted: the same for two diffs of one change whatever their context. */
const changedLines = (diff: string) =>
  diff
    .split('\n')
    .filter((line) => /^[+-]/.test(line) && !/^(\+\+\+|---) /.test(line))
    .sort();

/** Whether a `file:line rule` finding sits on a line with a review marker, or right below one (a marker may wrap over several lines). */
function atReviewMarker(dir: string, finding: string): boolean {
  const [, file, line] = /^(.+):(\d+) /.exec(finding) ?? [];
  const lines = readFileSync(path.join(dir, file as string), 'utf8').split('\n');
  const at = Number(line) - 1;
  if (lines[at]?.includes('/* taskscope-migrate:')) return true;
  const before = lines.slice(0, at).join('\n').trimEnd();
  return before.endsWith('*/') && before.slice(before.lastIndexOf('/*')).startsWith('/* taskscope-migrate:');
}

/** The table printed after the run: real durations per step, and the failed tests of each case. */
function summary(suite: Readonly<RunnerTestSuite | RunnerTestFile>, results: CaseRun[], wall: number): string {
  const failedIn = (name: string) => {
    const group = suite.tasks.find((task) => task.name === name);
    const tests = group?.type === 'suite' ? group.tasks : [];
    return tests.filter((test) => test.result?.state === 'fail').map((test) => test.name);
  };
  const seconds = (run: Run | undefined) => (run ? run.seconds.toFixed(1) : '-');
  const verdict = (failed: string[]) => (failed.length ? `FAIL: ${failed.join('; ')}` : 'pass');
  const rows = results.map(({ testCase, install, steps, seconds: total }) => [
    testCase.id,
    seconds(install),
    seconds(steps?.lintBefore),
    seconds(steps?.write),
    seconds(steps?.tscAfter),
    total.toFixed(1),
    verdict(failedIn(testCase.id)),
  ]);
  const table = [['case', 'install s', 'lint s', 'migrate s', 'tsc s', 'total s', 'result'], ...rows];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const lines = table.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
  return `\ninstall matrix: ${results.length} cases, ${CONCURRENCY} at a time, ${wall.toFixed(0)} s in all (packing included)\npacked tarballs: ${verdict(failedIn('packed tarballs'))}\n${lines.join('\n')}\n`;
}
