// What the rules say on the real corpus, file by file, kept in the repository
// (fixtures/real-corpus/snapshots/<mode>-<repository>.json): a refactoring
// must leave it as it is, and a change that means to alter findings updates
// it on purpose (TASKSCOPE_UPDATE_SNAPSHOTS=1) and shows in the diff.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { LintFinding, Mode } from './sweep.js';

const folder = fileURLToPath(new URL('../../../../fixtures/real-corpus/snapshots/', import.meta.url));

interface Snapshot {
  /** Findings per rule in the repository. */
  rules: Record<string, number>;
  /** File → a digest of its findings, for the files that have any. */
  files: Record<string, string>;
}

export function snapshotOf(findings: readonly LintFinding[]): Snapshot {
  const byFile = new Map<string, string[]>();
  const rules: Record<string, number> = {};
  for (const finding of findings) {
    byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), `${finding.rule} ${finding.detail}`]);
    rules[finding.rule] = (rules[finding.rule] ?? 0) + 1;
  }
  const files = Object.fromEntries(
    [...byFile]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([file, lines]) => [file, createHash('sha256').update(lines.sort().join('\n')).digest('hex').slice(0, 16)]),
  );
  return { rules: Object.fromEntries(Object.entries(rules).sort()), files };
}

/** The files whose findings differ from the stored snapshot (all of them when there is none); writes it instead under TASKSCOPE_UPDATE_SNAPSHOTS=1. */
export function snapshotChanges(mode: Mode, repository: string, findings: readonly LintFinding[]): string[] {
  if (process.env.TASKSCOPE_UPDATE_SNAPSHOTS !== '1') return snapshotDifferences(mode, repository, findings);
  mkdirSync(folder, { recursive: true });
  writeFileSync(snapshotFile(mode, repository), `${JSON.stringify(snapshotOf(findings), null, 1)}\n`);
  return [];
}

/** The files whose findings differ from the stored snapshot, never writing it: for findings that are not ESLint's own. */
export function snapshotDifferences(mode: Mode, repository: string, findings: readonly LintFinding[]): string[] {
  const file = snapshotFile(mode, repository);
  if (!existsSync(file)) return [`${file}: no snapshot (run the sweep with TASKSCOPE_UPDATE_SNAPSHOTS=1)`];
  const stored = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const actual = snapshotOf(findings);
  const names = new Set([...Object.keys(stored.files), ...Object.keys(actual.files)]);
  return [...names].filter((name) => stored.files[name] !== actual.files[name]).map((name) => `${name}: ${stored.files[name] ? (actual.files[name] ? 'changed' : 'no longer reported') : 'newly reported'}`);
}

function snapshotFile(mode: Mode, repository: string): string {
  return `${folder}${mode}-${repository}.json`;
}
