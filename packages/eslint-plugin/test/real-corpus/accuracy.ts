// Accuracy on real code: fixtures/real-corpus/labels.tsv names sites of the
// corpus that each rule must report (`rule`) or must not (`!rule`), labelled by
// reading the code. `~` marks a site whose answer needs what a file-local
// analysis of this corpus can't see (types of packages it doesn't install,
// another module's contract): listed, not scored. The typed sweep scores its
// own findings (configs.strict) against them, per rule.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { ruleIds } from '../eslint-api.js';
import type { LintFinding } from './sweep.js';

export interface Label {
  file: string;
  line: number;
  rule: string;
  expected: 'report' | 'silent' | 'unscored';
  reason: string;
}

export const THRESHOLD = 0.9;

const labelsFile = fileURLToPath(new URL('../../../../fixtures/real-corpus/labels.tsv', import.meta.url));

export function readLabels(): Label[] {
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

export interface Accuracy {
  scores: Record<string, { recall: number; precision: number }>;
  /** The table and every missed or wrongly reported site, for the CI log. */
  report: string;
}

export function accuracy(labels: readonly Label[], findings: readonly LintFinding[]): Accuracy {
  const reported = new Set(findings.map((f) => `${f.file}:${f.line}:${f.rule}`));
  const hit = (l: Label) => reported.has(`${l.file}:${l.line}:${l.rule}`);
  const rows: string[] = [];
  const misses: string[] = [];
  const scores: Accuracy['scores'] = {};
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
  const unscored = labels.filter((l) => l.expected === 'unscored').length;
  const report =
    `${labels.length} labelled sites (${unscored} not scored)\n` +
    `  rule                         pos neg\n${rows.join('\n')}${misses.length ? `\n${misses.join('\n')}` : ''}`;
  return { scores, report };
}
