// One sweep test file per group of repositories, so that vitest can spread the
// corpus over its workers: each file unpacks its own copy. A typed sweep also
// runs `taskscope check` over the same files and compares the findings with
// ESLint's, reusing the sweep's ESLint run.
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Corpus, corpusAvailable, unpackCorpus } from '../../../../test/real-corpus/corpus.js';
import { runCheck } from '../../../codemod/src/check/run.js';
import { lintRepositories, type Mode, type SweepResult, summary } from './sweep.js';

export function sweep(mode: Mode, repositories: readonly string[]): void {
  const label = `real corpus, ${mode}, ${repositories.join(' + ')}`;
  const available = corpusAvailable(label);
  describe.skipIf(!available)(label, () => {
    let corpus: Corpus;
    let linted: SweepResult | undefined;
    beforeAll(() => {
      corpus = unpackCorpus();
    });
    afterAll(() => corpus?.dispose());

    it('lints every file with configs.strict: no crash, no fatal message', { timeout: 900_000 }, async () => {
      expect(corpus.repositories).toEqual(expect.arrayContaining([...repositories]));
      const expected = corpus.files.filter((file) => repositories.some((r) => file.startsWith(`${corpus.dir}/${r}/`))).length;
      // A rule that throws (TASKSCOPE_STRICT=1 in the suite, so also a detector error or a fix
      // with overlapping edits) rejects the whole run, naming the rule and the file.
      const result = await lintRepositories(corpus, repositories, mode);
      console.log(summary(label, result));
      expect(result.files).toBe(expected);
      expect(result.fatal).toEqual([]);
      expect(result.findings.length).toBeGreaterThan(0);
      linted = result;
    });

    it.runIf(mode === 'typed')('taskscope check --strict reports the same (file, line, rule) as ESLint', { timeout: 900_000 }, () => {
      if (!linted) throw new Error('not run: the ESLint sweep failed');
      const relative = (file: string) => path.relative(corpus.dir, file).split(path.sep).join('/');
      const found: string[] = [];
      const started = performance.now();
      let checked = 0;
      for (const repository of repositories) {
        // The sweep's files, one run per repository as the sweep's, with its linter options: no inline config.
        const paths = corpus.files.filter((file) => relative(file).startsWith(`${repository}/`));
        const report = runCheck({ cwd: corpus.dir, paths, preset: 'strict', inlineConfig: false });
        checked += report.files.length;
        for (const file of report.files) {
          for (const problem of file.problems) found.push(`${relative(file.path)}:${problem.line} ${problem.fatal ? `fatal ${problem.message}` : problem.rule}`);
        }
      }
      const seconds = (performance.now() - started) / 1000;
      const eslint = linted.findings.map((f) => `${f.file}:${f.line} taskscope/${f.rule}`);
      console.log(`${label}: taskscope check: ${checked} files in ${seconds.toFixed(1)} s (${(checked / seconds).toFixed(1)} files/s), ${found.length} findings; ESLint ${linted.findings.length}`);
      // The check leaves declaration files out: it has nothing to find in them, and neither has ESLint.
      expect(eslint.filter((f) => /\.d\.[cm]?ts:/.test(f))).toEqual([]);
      expect({ onlyCheck: difference(found, eslint), onlyEslint: difference(eslint, found) }).toEqual({ onlyCheck: [], onlyEslint: [] });
    });
  });
}

function difference(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return [...new Set(a)].filter((item) => !other.has(item)).sort();
}
