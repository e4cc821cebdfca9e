// One sweep test file per mode. The typed file lints the repositories group by
// group (one test each, so a failure names its group) and then scores its
// findings against the labelled sites: the accuracy test needs no lint of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Corpus, corpusAvailable, unpackCorpus } from '../../../../test/real-corpus/corpus.js';
import { FLOORS, readLabels, report, scoreFindings } from './accuracy.js';
import { snapshotChanges } from './snapshot.js';
import type { SuggestionOutcome } from './suggestion-check.js';
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
    const peerFindings: LintFinding[] = [];
    const suggestions: SuggestionOutcome[] = [];

    for (const repositories of groups) {
      const group = `${label}, ${repositories.join(' + ')}`;
      it(`lints ${repositories.join(' + ')} with configs.strict: no crash, no fatal message, findings as in the snapshots`, { timeout: 900_000 }, async () => {
        expect(corpus.repositories).toEqual(expect.arrayContaining([...repositories]));
        const expected = corpus.files.filter((file) => repositories.some((r) => file.startsWith(`${corpus.dir}/${r}/`))).length;
        // A rule that throws (TASKSCOPE_STRICT=1 in the suite, so also a detector error or a fix
        // with overlapping edits) rejects the whole run, naming the rule and the file.
        const result = await lintRepositories(corpus, repositories, mode, mode === 'typed' ? { peers: true, suggestionOutcomes: suggestions } : {});
        console.log(summary(group, result));
        findings.push(...result.findings);
        peerFindings.push(...result.peerFindings);
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

    it('applies each suggestion alone: none adds a diagnostic to its file', () => {
      const bad = suggestions.filter((s) => s.added.length > 0);
      console.log(`${label}, suggestions: ${suggestions.length} applied one at a time and typechecked, ${bad.length} add a diagnostic`);
      expect(suggestions.length).toBeGreaterThan(10);
      expect(bad.map((s) => `${s.file}:${s.line} ${s.rule} ${s.suggestion}: ${s.added.join('; ')}`)).toEqual([]);
    });

    it('has labels for both rounds, harmful and harmless', () => {
      expect(labels.filter((l) => l.round === 'tuning').length).toBeGreaterThanOrEqual(400);
      expect(labels.filter((l) => l.round === 'held-out').length).toBeGreaterThanOrEqual(100);
      expect(labels.filter((l) => l.harms.length > 0).length).toBeGreaterThanOrEqual(30);
    });

    it('reaches the precision and recall floors on the labelled sites, and the held-out round is like the tuning one', () => {
      const linted = new Set(findings.map((f) => f.file.split('/')[0]));
      // Only meaningful once every group has been linted: the tests above run first, in order.
      expect(groups.flat().filter((r) => !linted.has(r))).toEqual([]);
      const all = [...findings, ...peerFindings];
      const scores = { all: scoreFindings(labels, all), tuning: scoreFindings(labels, all, 'tuning'), heldOut: scoreFindings(labels, all, 'held-out') };
      console.log([report(scores.all, `${label}, accuracy, all rounds`), report(scores.tuning, 'tuning round'), report(scores.heldOut, 'held-out round'), ...scores.all.misses].join('\n'));
      const { recommended, strict } = scores.all.byPreset;
      expect.soft(recommended!.precision, 'recommended precision').toBeGreaterThanOrEqual(FLOORS.recommended);
      expect.soft(strict!.precision, 'strict precision').toBeGreaterThanOrEqual(FLOORS.strict);
      expect.soft(recommended!.recall, 'recommended recall').toBeGreaterThanOrEqual(FLOORS.recall);
      for (const [rule, score] of Object.entries(scores.all.byRule)) {
        if (!rule.startsWith('@') && score.right + score.wrong >= 15) expect.soft(score.precision, `${rule} precision`).toBeGreaterThanOrEqual(FLOORS.rule);
      }
      const generalises = Math.abs(scores.heldOut.byPreset.recommended!.precision - scores.tuning.byPreset.recommended!.precision);
      expect.soft(generalises, 'held-out precision within this of the tuning round').toBeLessThanOrEqual(FLOORS.heldOutGap);
    });
  });
}
