// One sweep test file per group of repositories, so that vitest can spread the
// corpus over its workers: each file unpacks its own copy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Corpus, corpusAvailable, unpackCorpus } from '../../../../test/real-corpus/corpus.js';
import { snapshotChanges } from './snapshot.js';
import { lintRepositories, type Mode, summary } from './sweep.js';

export function sweep(mode: Mode, repositories: readonly string[]): void {
  const label = `real corpus, ${mode}, ${repositories.join(' + ')}`;
  const available = corpusAvailable(label);
  describe.skipIf(!available)(label, () => {
    let corpus: Corpus;
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
      // The same findings and suggestions as the snapshot, file by file.
      for (const repository of repositories) {
        const changes = snapshotChanges(mode, repository, result.findings.filter((f) => f.file.startsWith(`${repository}/`)));
        expect(changes, `${mode}-${repository}: findings differ from fixtures/real-corpus/snapshots (TASKSCOPE_UPDATE_SNAPSHOTS=1 to accept)`).toEqual([]);
      }
    });
  });
}
