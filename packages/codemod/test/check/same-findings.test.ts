// taskscope check and ESLint (the plugin's configs.strict, typed through the
// project service, eslint-disable comments on) over the same fixtures: the
// codemod's fixture pairs, the plugin's hand-written robustness files, and
// test/fixtures/check (disable comments, the shapes where ESTree and
// TypeScript's tree differ, a file in the default project, a file a program
// imports although its tsconfig leaves it out). On the real corpus:
// test/real-corpus/check.test.ts (against the typed sweep's snapshots) and
// the migration sweep (against ESLint on the migrated files).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { type CheckReport, runCheck } from '../../src/check/run.js';
import { type Findings, checkFindings, eslintFindings } from './same-findings.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const checkFixtures = path.join(root, 'packages/codemod/test/fixtures/check');
const folders = ['packages/codemod/__testfixtures__', 'packages/eslint-plugin/test/robustness', 'packages/codemod/test/fixtures/check'].map((folder) =>
  path.join(root, folder),
);
const filesOf = (folder: string) =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.[cm]?tsx?$/.test(name) && !/\.d\.[cm]?ts$/.test(name))
    .map((name) => path.join(folder, name));
const files = folders.flatMap(filesOf);
// Each folder is checked from its parent (ESLint's cwd, the check's cwd): the rules leave test
// code alone, and a file under a `test/` folder below that root would be test code.
const cwdOf = (folder: string) => path.dirname(folder);

describe('taskscope check reports what ESLint reports', () => {
  let eslint: Findings;
  let report: CheckReport;
  let check: Findings;
  beforeAll(async () => {
    const eslintRuns: Findings[] = [];
    const reports: CheckReport[] = [];
    for (const folder of folders) {
      const only = filesOf(folder);
      eslintRuns.push(await eslintFindings(root, files, 'strict', { cwd: cwdOf(folder), only }));
      reports.push(runCheck({ cwd: cwdOf(folder), paths: only, preset: 'strict' }));
    }
    const merge = (parts: readonly Findings[]): Findings => ({
      findings: parts.flatMap((part) => part.findings).sort(),
      fatal: parts.flatMap((part) => part.fatal).sort(),
    });
    report = { ...reports[0]!, files: reports.flatMap((r) => r.files) };
    eslint = merge(eslintRuns);
    check = merge(reports.map((r) => checkFindings(root, r)));
  }, 180_000);

  it('on the fixtures: the same (file, line, rule) set', () => {
    expect(eslint.fatal).toEqual([]);
    expect(check.fatal).toEqual([]);
    expect(report.files).toHaveLength(files.length);
    expect(check.findings.length).toBeGreaterThan(200);
    expect(check.findings).toEqual(eslint.findings);
  });

  it('honours eslint-disable comments as ESLint does: it reports exactly the lines marked `reported`', () => {
    const directives = path.join(checkFixtures, 'directives.ts');
    const file = report.files.find((f) => f.path === directives)!;
    expect(file.problems.map((p) => p.line)).toEqual(markedLines(directives));
    expect(file.suppressed.length).toBeGreaterThan(10);
    expect(file.suppressed.find((p) => p.line === 27)?.suppressions).toEqual([{ kind: 'directive', justification: 'fire and forget' }]);
  });

  it('checks a file no tsconfig includes in the default project, and one a program imports in that program', () => {
    const projectOf = (name: string) => report.files.find((f) => f.path === path.join(checkFixtures, name))?.project;
    expect(projectOf('outside.ts')).toBeUndefined();
    expect(projectOf('imported.ts')).toBe(path.join(checkFixtures, 'tsconfig.json'));
    expect(projectOf('directives.ts')).toBe(path.join(checkFixtures, 'tsconfig.json'));
  });

  it('reports the shapes where ESTree and TypeScript differ, in both: exactly the lines marked `reported`', () => {
    const shapes = path.join(checkFixtures, 'eslint-shapes.ts');
    const file = report.files.find((f) => f.path === shapes)!;
    expect([...new Set(file.problems.map((p) => p.line))]).toEqual(markedLines(shapes));
    const prefix = `${path.relative(root, shapes)}:`;
    const eslintLines = eslint.findings.filter((f) => f.startsWith(prefix)).map((f) => Number.parseInt(f.slice(prefix.length), 10));
    expect([...new Set(eslintLines)].sort((a, b) => a - b)).toEqual(markedLines(shapes));
  });
});

/** The lines of `file` whose code (not a comment line) says `reported`. */
function markedLines(file: string): number[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, index) => (/^\s*[^/\s].*\breported\b/.test(line) ? [index + 1] : []));
}
