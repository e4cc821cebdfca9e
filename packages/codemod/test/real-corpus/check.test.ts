// taskscope check on real repositories, untouched, as the typed ESLint sweep
// lints them (configs.strict, eslint-disable comments off): its findings must
// be the sweep's snapshots, which the sweep asserts are ESLint's, so check and
// ESLint agree file by file on message, place and every suggestion's edit.
// One of the seven repositories, to keep CI short (same-findings.test.ts
// covers the shapes where the two trees differ); `pnpm bench:check --all`
// compares all seven against a live ESLint run.
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Corpus, corpusAvailable, unpackCorpus } from '../../../../test/real-corpus/corpus.js';
import { snapshotDifferences } from '../../../eslint-plugin/test/real-corpus/snapshot.js';
import { lintFindingOf } from '../../../eslint-plugin/test/real-corpus/sweep.js';
import { runCheck } from '../../src/check/run.js';

const label = 'real corpus, taskscope check';
// A repository where the rules report something (with suggestions), so the comparison compares.
const REPOSITORIES = ['anthropic-sdk'];

describe.skipIf(!corpusAvailable(label))(label, () => {
  let corpus: Corpus;
  beforeAll(() => {
    corpus = unpackCorpus();
  });
  afterAll(() => corpus?.dispose());

  it.each(REPOSITORIES)('checks %s: what the typed ESLint sweep reports, file by file', { timeout: 300_000 }, (repository) => {
    const files = corpus.files.filter((file) => file.startsWith(path.join(corpus.dir, repository) + path.sep));
    const started = performance.now();
    const report = runCheck({ cwd: corpus.dir, paths: files, preset: 'strict', inlineConfig: false });
    const seconds = (performance.now() - started) / 1000;
    console.log(`${label}, ${repository}: ${report.files.length} files in ${seconds.toFixed(1)} s (${(report.files.length / seconds).toFixed(1)} files/s)`);

    expect(report.files.length).toBeGreaterThan(files.length * 0.9);
    const fatal = report.files.flatMap((file) => file.problems.filter((p) => p.fatal).map((p) => `${file.path}: ${p.message}`));
    expect(fatal).toEqual([]);
    const findings = report.files.flatMap((file) =>
      file.problems.map((problem) => lintFindingOf(path.relative(corpus.dir, file.path).split(path.sep).join('/'), { ...problem, ruleId: problem.rule })),
    );
    expect(findings.length).toBeGreaterThan(0);
    expect(snapshotDifferences('typed', repository, findings)).toEqual([]);
  });
});
