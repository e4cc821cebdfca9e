// One sweep test file per mode. The typed file lints the repositories group by
// group (one test each, so a failure names its group) and then scores its
// findings against the labelled sites: the accuracy test needs no lint of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Corpus, corpusAvailable, unpackCorpus } from '../../../../test/real-corpus/corpus.js';
import { ruleIds } from '../eslint-api.js';
import { THRESHOLD, accuracy, readLabels } from './accuracy.js';
import { snapshotChanges } from './snapshot.js';
import { type LintFinding, lintRepositories, type Mode, summary } from './sweep.js';

export function sweep(mode: Mode, groups: readonly (readonly string[])[]): void {
  const label = `real corpus, ${mode}`;
  describe.skipIf(!corpusAvailable(label))(label, () => {
    let corpus: Corpus;
    beforeAll(() => {
      corpus = unpackCorpus();
    });
    afterAll(() => corpus?.dispose());
    const findings: LintFinding[] = [];

    for (const repositories of groups) {
      const group = `${label}, ${repositories.join(' + ')}`;
      it(`lints ${repositories.join(' + ')} with configs.strict: no crash, no fatal message, findings as in the snapshots`, { timeout: 900_000 }, async () => {
        expect(corpus.repositories).toEqual(expect.arrayContaining([...repositories]));
        const expected = corpus.files.filter((file) => repositories.some((r) => file.startsWith(`${corpus.dir}/${r}/`))).length;
        // A rule that throws (TASKSCOPE_STRICT=1 in the suite, so also a detector error or a fix
        // with overlapping edits) rejects the whole run, naming the rule and the file.
        const result = await lintRepositories(corpus, repositories, mode);
        console.log(summary(group, result));
        findings.push(...result.findings);
        expect(result.files).toBe(expected);
        expect(result.fatal).toEqual([]);
        expect(result.findings.length).toBeGreaterThan(0);
        // The same findings and suggestions as the snapshot, file by file.
        for (const repository of repositories) {
          const changes = snapshotChanges(mode, repository, result.findings.filter((f) => f.file.startsWith(`${repository}/`)));
          expect(changes, `${mode}-${repository}: findings differ from fixtures/real-corpus/snapshots (TASKSCOPE_UPDATE_SNAPSHOTS=1 to accept)`).toEqual([]);
        }
      });
    }

    if (mode !== 'typed') return;
    const labels = readLabels();

    it('has labels that name known rules, with look-alikes for each rule', () => {
      expect(labels.length).toBeGreaterThanOrEqual(60);
      expect(labels.filter((l) => !(ruleIds as string[]).includes(l.rule))).toEqual([]);
      for (const rule of ruleIds) expect(labels.filter((l) => l.rule === rule && l.expected === 'silent').length).toBeGreaterThanOrEqual(3);
    });

    it(`reaches recall and precision ≥ ${THRESHOLD} per rule on the labelled sites`, () => {
      const linted = new Set(findings.map((f) => f.file.split('/')[0]));
      // Only meaningful once every group has been linted: the tests above run first, in order.
      expect(groups.flat().filter((r) => !linted.has(r))).toEqual([]);
      const { scores, report } = accuracy(labels, findings);
      console.log(`${label}, accuracy: ${report}`);
      for (const [rule, score] of Object.entries(scores)) {
        expect.soft(score.recall, `${rule} recall`).toBeGreaterThanOrEqual(THRESHOLD);
        expect.soft(score.precision, `${rule} precision`).toBeGreaterThanOrEqual(THRESHOLD);
      }
    });
  });
}
