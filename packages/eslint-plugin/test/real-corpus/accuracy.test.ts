// Accuracy on real code: fixtures/real-corpus/labels.tsv names sites of the
// corpus that each rule must report (`rule`) or must not (`!rule`), labelled by
// reading the code. `~` marks a site whose answer needs what a file-local
// analysis of this corpus can't see (types of packages it doesn't install,
// another module's contract): listed, not scored. Typed, configs.strict; per
// rule, recall and precision over the labelled sites.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Corpus, corpusAvailable, unpackCorpus } from '../../../../test/real-corpus/corpus.js';
import { ruleIds } from '../eslint-api.js';
import { lintRepositories } from './sweep.js';

interface Label {
  file: string;
  line: number;
  rule: string;
  expected: 'report' | 'silent' | 'unscored';
  reason: string;
}

const labelsFile = fileURLToPath(new URL('../../../../fixtures/real-corpus/labels.tsv', import.meta.url));

function readLabels(): Label[] {
  return readFileSync(labelsFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [file, at, rule, reason] = line.split('\t');
      if (!file || !at || !rule || !reason) throw new Error(`labels.tsv: malformed line: ${line}`);
      const expected = rule.startsWith('~') ? 'unscored' : rule.startsWith('!') ? 'silent' : 'report';
      return { file, line: Number(at), rule: rule.replace(/^~?!?/, ''), expected, reason };
    });
}

const THRESHOLD = 0.9;
const label = 'real corpus, accuracy on labelled sites';

describe.skipIf(!corpusAvailable(label))(label, () => {
  const labels = readLabels();
  let corpus: Corpus;
  beforeAll(() => {
    corpus = unpackCorpus();
  });
  afterAll(() => corpus?.dispose());

  it('labels name known rules, and cover each rule with look-alikes', () => {
    expect(labels.length).toBeGreaterThanOrEqual(60);
    expect(labels.filter((l) => !(ruleIds as string[]).includes(l.rule))).toEqual([]);
    for (const rule of ruleIds) expect(labels.filter((l) => l.rule === rule && l.expected === 'silent').length).toBeGreaterThanOrEqual(3);
  });

  it(`reaches recall and precision ≥ ${THRESHOLD} per rule, typed`, { timeout: 900_000 }, async () => {
    const files = new Set(labels.map((l) => l.file));
    const repositories = [...new Set(labels.map((l) => l.file.split('/')[0]!))].sort();
    const result = await lintRepositories(corpus, repositories, 'typed', { only: (file) => files.has(file) });
    expect(result.fatal).toEqual([]);
    const reported = new Set(result.findings.map((f) => `${f.file}:${f.line}:${f.rule}`));
    const hit = (l: Label) => reported.has(`${l.file}:${l.line}:${l.rule}`);

    const rows: string[] = [];
    const misses: string[] = [];
    const scores: Record<string, { recall: number; precision: number }> = {};
    for (const rule of ruleIds) {
      const positives = labels.filter((l) => l.rule === rule && l.expected === 'report');
      const negatives = labels.filter((l) => l.rule === rule && l.expected === 'silent');
      const found = positives.filter(hit);
      const wrong = negatives.filter(hit);
      const recall = positives.length === 0 ? 1 : found.length / positives.length;
      const precision = found.length + wrong.length === 0 ? 1 : found.length / (found.length + wrong.length);
      scores[rule] = { recall, precision };
      rows.push(`  ${rule.padEnd(28)} ${String(positives.length).padStart(3)} ${String(negatives.length).padStart(3)}   recall ${recall.toFixed(2)}   precision ${precision.toFixed(2)}`);
      for (const l of positives.filter((p) => !hit(p))) misses.push(`missed   ${l.file}:${l.line} ${rule}: ${l.reason}`);
      for (const l of wrong) misses.push(`reported ${l.file}:${l.line} ${rule}: ${l.reason}`);
    }
    const unscored = labels.filter((l) => l.expected === 'unscored');
    console.log(
      `${label}: ${labels.length} sites (${unscored.length} not scored), ${result.files} files linted\n` +
        `  rule                         pos neg\n${rows.join('\n')}${misses.length ? `\n${misses.join('\n')}` : ''}`,
    );
    for (const [rule, score] of Object.entries(scores)) {
      expect.soft(score.recall, `${rule} recall`).toBeGreaterThanOrEqual(THRESHOLD);
      expect.soft(score.precision, `${rule} precision`).toBeGreaterThanOrEqual(THRESHOLD);
    }
  });
});
