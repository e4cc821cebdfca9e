// Accuracy on real code, judged by what matters: fixtures/real-corpus/labels.tsv
// names sites of the corpus with what a careful senior engineer found wrong
// there (nothing, or kinds of harm), judged by reading the code without seeing
// any tool's output. A finding is right when the site has a harm its rule is
// about. Precision per rule and per preset (with a Wilson 95% interval), recall
// over the harms a preset's rules are about, by round: `tuning` sites were
// labelled before the detectors were changed for them, `held-out` sites only
// after. typescript-eslint's two promise rules are scored on the same sites.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { recommendedRules, strictRules } from '../../src/configs.js';
import type { LintFinding } from './sweep.js';

/** What can be wrong at a site. */
export type Harm = 'unowned' | 'orphan' | 'lost' | 'leak' | 'unbounded' | 'signal';
const harms: readonly Harm[] = ['unowned', 'orphan', 'lost', 'leak', 'unbounded', 'signal'];

export type Round = 'tuning' | 'held-out';

/**
 * What the accuracy tests hold the rules to: what is reached today
 * (docs/benchmarks.md, "Accuracy on real code"), so a change can only raise
 * them. `rule` applies to each rule with 15 or more findings; `heldOut` is the
 * recommended precision on each held-out round (fresh-labels*.tsv): the
 * lowest round sets it (round 8: 0.34), so a new round may lower it where a
 * change may not.
 * The goal is recommended ≥ 0.8, each rule ≥ 0.7, strict ≥ 0.6, recall ≥ 0.9,
 * held-out within 0.1 of tuning.
 */
export const FLOORS = { recommended: 0.65, rule: 0.55, strict: 0.62, recall: 0.78, heldOut: 0.33 };

export interface Label {
  file: string;
  line: number;
  /** Empty: nothing a careful engineer would change. */
  harms: Harm[];
  round: Round;
  reason: string;
}

/** The harms each rule is about: its finding at a site with one of them is right. */
export const RULE_HARMS: Readonly<Record<string, readonly Harm[]>> = {
  'no-floating-promises': ['unowned', 'lost', 'leak'],
  'no-orphaned-fan-out': ['orphan', 'unbounded'],
  'no-unbounded-fan-out': ['unbounded'],
  'no-unchecked-settled': ['lost'],
  'no-uncancelled-race': ['orphan', 'leak'],
  'no-uncancelled-reader': ['unowned'],
  'no-async-iteration-callback': ['unowned', 'lost', 'orphan'],
  'require-signal-propagation': ['signal'],
  '@typescript-eslint/no-floating-promises': ['unowned', 'lost', 'leak'],
  '@typescript-eslint/no-misused-promises': ['unowned', 'lost', 'orphan'],
};

/** The rules of each preset, and the peer it is compared with. */
export const PRESETS: Readonly<Record<string, readonly string[]>> = {
  recommended: ruleIdsOf(recommendedRules),
  strict: ruleIdsOf(strictRules),
  'typescript-eslint (no-floating-promises, no-misused-promises)': ['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises'],
};

function ruleIdsOf(preset: Record<string, unknown>): string[] {
  return Object.keys(preset).map((key) => key.replace(/^taskscope\//, ''));
}

/** The labels of the corpus (`labels.tsv`, tuning rounds) or of a held-out round on code outside it (`fresh-labels*.tsv`). */
export function readLabels(name: 'labels.tsv' | `fresh-labels${'' | `-${number}`}.tsv` = 'labels.tsv'): Label[] {
  return readFileSync(fileURLToPath(new URL(`../../../../fixtures/real-corpus/${name}`, import.meta.url)), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [file, at, kinds, round, reason] = line.split('\t');
      const found = kinds === 'none' ? [] : (kinds ?? '').split(',');
      if (!file || !at || !reason || (round !== 'tuning' && round !== 'held-out') || found.some((h) => !harms.includes(h as Harm))) {
        throw new Error(`labels.tsv: malformed line: ${line}`);
      }
      return { file, line: Number(at), harms: found as Harm[], round, reason };
    });
}

export interface Score {
  right: number;
  wrong: number;
  precision: number;
  /** The Wilson 95% interval of the precision. */
  interval: [number, number];
}

export interface Scores {
  byRule: Record<string, Score>;
  byPreset: Record<string, Score & { recall: number; found: number; harmful: number }>;
  /** Every finding at a site labelled harmless, and every harmful site missed, for the log. */
  misses: string[];
}

/** The Wilson score interval at 95% for `right` of `n`. */
export function wilson(right: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.96;
  const p = right / n;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const scale = 1 + (z * z) / n;
  return [Math.max(0, (centre - spread) / scale), Math.min(1, (centre + spread) / scale)];
}

function score(right: number, wrong: number): Score {
  const n = right + wrong;
  return { right, wrong, precision: n === 0 ? 1 : right / n, interval: wilson(right, n) };
}

/** Scores `findings` (rule ids without the `taskscope/` prefix; the peer's with theirs) on the labelled sites of `round`. */
export function scoreFindings(labels: readonly Label[], findings: readonly Pick<LintFinding, 'file' | 'line' | 'rule'>[], round?: Round): Scores {
  const chosen = labels.filter((label) => round === undefined || label.round === round);
  const rulesAt = new Map<string, Set<string>>();
  for (const finding of findings) {
    const key = `${finding.file}:${finding.line}`;
    rulesAt.set(key, (rulesAt.get(key) ?? new Set()).add(finding.rule));
  }
  const right = (rule: string, label: Label) => RULE_HARMS[rule]!.some((harm) => label.harms.includes(harm));
  const byRule: Scores['byRule'] = {};
  for (const rule of Object.keys(RULE_HARMS)) {
    const reported = chosen.filter((label) => rulesAt.get(`${label.file}:${label.line}`)?.has(rule));
    byRule[rule] = score(reported.filter((label) => right(rule, label)).length, reported.filter((label) => !right(rule, label)).length);
  }
  const byPreset: Scores['byPreset'] = {};
  const misses: string[] = [];
  for (const [preset, rules] of Object.entries(PRESETS)) {
    const total = rules.reduce((sum, rule) => ({ right: sum.right + byRule[rule]!.right, wrong: sum.wrong + byRule[rule]!.wrong }), { right: 0, wrong: 0 });
    // The harms this preset's rules are about, and the sites where one of its rules reports one.
    const harmful = chosen.filter((label) => rules.some((rule) => right(rule, label)));
    const found = harmful.filter((label) => rules.some((rule) => rulesAt.get(`${label.file}:${label.line}`)?.has(rule) && right(rule, label)));
    byPreset[preset] = { ...score(total.right, total.wrong), recall: harmful.length === 0 ? 1 : found.length / harmful.length, found: found.length, harmful: harmful.length };
    if (preset !== 'strict') continue;
    for (const label of harmful.filter((l) => !found.includes(l))) misses.push(`missed   ${label.file}:${label.line} (${label.harms.join(',')}): ${label.reason}`);
    for (const label of chosen) {
      for (const rule of rulesAt.get(`${label.file}:${label.line}`) ?? []) {
        if (rules.includes(rule) && !right(rule, label)) misses.push(`reported ${label.file}:${label.line} ${rule}: ${label.reason}`);
      }
    }
  }
  return { byRule, byPreset, misses };
}

const percent = (value: number) => value.toFixed(2);

/** The scores as a table for the log (and docs/benchmarks.md). */
export function report(scores: Scores, title: string): string {
  const rows = Object.entries(scores.byRule)
    .filter(([, s]) => s.right + s.wrong > 0)
    .map(([rule, s]) => `  ${rule.padEnd(42)} ${String(s.right).padStart(3)} / ${String(s.right + s.wrong).padEnd(3)} ${percent(s.precision)} [${percent(s.interval[0])}, ${percent(s.interval[1])}]`);
  // A preset none of whose rules ran (typescript-eslint's in the held-out rounds) has no figures to show.
  const presets = Object.entries(scores.byPreset)
    .filter(([, s]) => s.right + s.wrong + s.found > 0)
    .map(
    ([preset, s]) =>
      `  ${preset.padEnd(42)} ${String(s.right).padStart(3)} / ${String(s.right + s.wrong).padEnd(3)} ${percent(s.precision)} [${percent(s.interval[0])}, ${percent(s.interval[1])}]   recall ${s.found}/${s.harmful} = ${percent(s.recall)}`,
  );
  return `${title}\n  precision per rule (right / reported, Wilson 95%)\n${rows.join('\n')}\n  per preset\n${presets.join('\n')}`;
}
