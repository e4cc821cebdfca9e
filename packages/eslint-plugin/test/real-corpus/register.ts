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
    const linted = new Set<string>();

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
        for (const repository of repositories) linted.add(repository);
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

    it('has labels, harmful and harmless', () => {
      expect(labels.length).toBeGreaterThanOrEqual(600);
      expect(labels.filter((l) => l.harms.length > 0).length).toBeGreaterThanOrEqual(30);
    });

    it('reaches the precision and recall floors on the labelled sites', () => {
      // Only meaningful once every group has been linted: the tests above run first, in order.
      expect(groups.flat().filter((r) => !linted.has(r))).toEqual([]);
      const scores = scoreFindings(labels, [...findings, ...peerFindings]);
      console.log([report(scores, `${label}, accuracy on the labelled sites of the corpus`), ...scores.misses].join('\n'));
      const { recommended, strict } = scores.byPreset;
      expect.soft(recommended!.precision, 'recommended precision').toBeGreaterThanOrEqual(FLOORS.recommended);
      expect.soft(strict!.precision, 'strict precision').toBeGreaterThanOrEqual(FLOORS.strict);
      expect.soft(recommended!.recall, 'recommended recall').toBeGreaterThanOrEqual(FLOORS.recall);
      for (const [rule, score] of Object.entries(scores.byRule)) {
        if (!rule.startsWith('@') && score.right + score.wrong >= 15) expect.soft(score.precision, `${rule} precision`).toBeGreaterThanOrEqual(FLOORS.rule);
      }
    });
  });
}
