// taskscope-migrate --write on a copy of the real-code corpus, run in each
// repository as a user would: no file may end in an error, every changed file
// must still parse, a second run must change nothing, and the check afterwards
// (recommended, typed: the codemod's own question, so untyped findings that
// types rule out don't count) must find nothing the codemod left without a marker.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { ts } from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Corpus, corpusAvailable, unpackCorpus } from '../../../../test/real-corpus/corpus.js';
import { type LintFinding, lintFindingOf, lintRepositories } from '../../../eslint-plugin/test/real-corpus/sweep.js';
import { runCheck } from '../../src/check/run.js';
import { EXIT, main, type RunReport } from '../../src/index.js';
import { isMarked } from '../lint-findings.js';
import { capture } from '../temp-project.js';

const label = 'real corpus, taskscope-migrate --write';

/** Runs the CLI in `cwd` and returns its exit code and JSON report. */
function migrate(cwd: string, args: string[]): { code: number; report: RunReport; stderr: string } {
  const reportFile = path.join(cwd, '.taskscope-report.json');
  const stderr = capture();
  const code = main(['--write', '--allow-dirty', '--report', 'json', reportFile, ...args], { cwd, stdout: capture(), stderr });
  return { code, report: JSON.parse(readFileSync(reportFile, 'utf8')) as RunReport, stderr: stderr.text() };
}

function timed<T>(run: () => T, record: (ms: number) => void): T {
  const started = performance.now();
  try {
    return run();
  } finally {
    record(performance.now() - started);
  }
}

function parseErrors(file: string): number {
  const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, kind);
  return ((sourceFile as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? []).length;
}

describe.skipIf(!corpusAvailable(label))(label, () => {
  let corpus: Corpus;
  beforeAll(() => {
    corpus = unpackCorpus();
  });
  afterAll(() => corpus?.dispose());

  it('migrates every repository: no error, parsable output, idempotent, and nothing fixable left unmarked', { timeout: 900_000 }, async () => {
    const changed: string[] = [];
    let analysed = 0;
    let firstMs = 0;
    let secondMs = 0;
    let checkMs = 0;
    const lines: string[] = [];
    for (const repository of corpus.repositories) {
      const cwd = path.join(corpus.dir, repository);
      const first = timed(() => migrate(cwd, []), (ms) => (firstMs += ms));
      analysed += first.report.files.length;
      // An input that doesn't parse (the corpus stores a git symlink as text) is reported and left as it is.
      const unparsable = corpus.unparsable.filter((file) => file.startsWith(cwd + path.sep));
      const errors = first.report.files.filter((f) => f.status === 'error');
      expect(errors.filter((f) => !(unparsable.includes(path.join(cwd, f.path)) && f.message?.startsWith('does not parse'))).map((f) => `${repository}/${f.path}: ${f.message}`)).toEqual([]);
      expect(first.code, first.stderr).toBe(errors.length > 0 ? EXIT.fileError : EXIT.ok);
      const ok = first.report.files.filter((f) => f.status === 'ok').map((f) => path.join(cwd, f.path));
      expect(ok.filter((file) => parseErrors(file) > 0)).toEqual([]);
      changed.push(...ok);

      // The second run looks again at what the first changed: there is nothing left to do.
      const second = ok.length > 0 ? timed(() => migrate(cwd, ok), (ms) => (secondMs += ms)) : undefined;
      expect(second?.report.files.filter((f) => f.status !== 'unmodified').map((f) => `${f.path}: ${f.status} ${f.message ?? ''}`) ?? []).toEqual([]);

      const { summary, counts, markers } = first.report;
      lines.push(`  ${repository.padEnd(20)} ${String(first.report.files.length).padStart(5)} files, ${String(summary.ok).padStart(4)} changed, ${String(summary.skipped).padStart(4)} skipped, ${markers} markers; ${Object.entries(counts).map(([id, c]) => `${id} ${c.rewritten}`).join(', ')}`);
    }
    const rate = (files: number, ms: number) => `${(ms / 1000).toFixed(1)} s, ${(files / (ms / 1000)).toFixed(1)} files/s`;
    console.log(
      `${label}: ${analysed} files analysed (${rate(analysed, firstMs)}), ${changed.length} changed; ` +
        `the second run over those ${rate(changed.length, secondMs)}\n${lines.join('\n')}`,
    );
    expect(changed.length).toBeGreaterThan(50);

    // The check afterwards: taskscope check, which reports what ESLint reports (compared below, and
    // over the whole corpus by `pnpm bench:check`) in a fraction of ESLint's time. With the sweep's
    // linter options: the repositories' own disable comments name plugins that are not loaded.
    const relative = (file: string) => path.relative(corpus.dir, file).split(path.sep).join('/');
    const checked = timed(() => runCheck({ cwd: corpus.dir, paths: changed, preset: 'recommended', inlineConfig: false }), (ms) => (checkMs = ms));
    expect(checked.files.length).toBe(changed.length);
    expect(checked.files.flatMap((file) => file.problems.filter((p) => p.fatal).map((p) => `${relative(file.path)}: ${p.message}`))).toEqual([]);
    const after = checked.files.flatMap((file) => file.problems.map((problem) => lintFindingOf(relative(file.path), { ...problem, ruleId: problem.rule })));
    const unmarked = after.filter((finding) => {
      const file = path.join(corpus.dir, finding.file);
      const sourceFile = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      return !isMarked(sourceFile as never, sourceFile.getPositionOfLineAndCharacter(finding.line - 1, finding.column - 1));
    });
    console.log(`${label}: the check afterwards (${rate(changed.length, checkMs)}) finds ${after.length} findings in the changed files, ${unmarked.length} without a marker`);
    expect(unmarked.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([]);

    // ESLint says the same of two repositories' changed files: message, place and every suggestion's edit.
    const compared = ['openai-node', 'anthropic-sdk'];
    const inCompared = (file: string) => compared.some((r) => file.startsWith(`${r}/`));
    const changedThere = new Set(changed.map(relative).filter(inCompared));
    const eslint = await lintRepositories(corpus, compared, 'typed', { only: (file) => changedThere.has(file), preset: 'recommended' });
    const said = (findings: readonly LintFinding[]) => findings.map((f) => `${f.file} ${f.rule} ${f.detail}`).sort();
    console.log(`${label}: ESLint over ${eslint.files} of those files (${rate(eslint.files, eslint.wallMs)}) finds ${eslint.findings.length}`);
    expect(eslint.files).toBe(changedThere.size);
    expect(eslint.fatal).toEqual([]);
    expect(eslint.findings.length).toBeGreaterThan(5);
    expect(said(after.filter((f) => inCompared(f.file)))).toEqual(said(eslint.findings));
  });
});
