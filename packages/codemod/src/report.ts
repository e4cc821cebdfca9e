import type { TransformId } from '@taskscope/core';

import type { TransformCounts } from './engine.js';
import type { FileReport, FileStatus, RunReport } from './run.js';

const statuses: readonly FileStatus[] = ['ok', 'unmodified', 'skipped', 'error'];

/** The end-of-run summary for the terminal. */
export function summaryText(report: RunReport): string {
  const lines = [`taskscope-migrate: ${report.files.length} files${report.write ? '' : ' (dry run)'}`];
  const width = String(Math.max(...statuses.map((s) => report.summary[s]))).length;
  for (const status of statuses) lines.push(`  ${status.padEnd(10)} ${String(report.summary[status]).padStart(width)}`);
  lines.push(`  rewrites: ${countList(report.counts, 'rewritten') || 'none'}`);
  const rewrites = report.files.flatMap((file) => file.rewrites);
  if (rewrites.length > 0) lines.push(`  cancels:  ${rewrites.filter((r) => r.delivers).length} of ${rewrites.length} rewrites reach work they cancel (a task's signal, a reader's cancel)`);
  lines.push(`  markers:  ${report.markers}${report.markers ? ` (${countList(report.counts, 'marked')})` : ''}`);
  if (report.ignored) lines.push(`  ignored:  ${report.ignored} site(s) under // taskscope-migrate-ignore`);
  if (report.deferred) lines.push(`  deferred: ${report.deferred} overlapping rewrite(s); run again to apply them`);
  for (const path of report.unmatched) lines.push(`  warning: ${path} matched no file of the project`);
  for (const { packageJson, added } of report.dependencies) {
    lines.push(added ? `  added taskscope to the dependencies of ${packageJson}` : `  note: the migrated code imports taskscope, which ${packageJson} does not depend on (--write adds it)`);
  }
  for (const file of report.files.filter((f) => f.status === 'error')) lines.push(`  error: ${file.path}: ${file.message}`);
  if (!report.write && report.summary.ok > 0) lines.push('Dry run: nothing was written. Re-run with --write to apply.');
  return lines.join('\n');
}

/** One line for a file, for logs: `ok src/a.ts (promise-all 2, markers 1)`. */
export function fileLine(file: FileReport): string {
  const details = [countList(file.counts, 'rewritten'), file.markers ? `markers ${file.markers}` : '', file.message ?? '']
    .filter(Boolean)
    .join(', ');
  return `${file.status.padEnd(10)} ${file.path}${details ? ` (${details})` : ''}`;
}

export function jsonReport(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function markdownReport(report: RunReport): string {
  const lines = [
    `# taskscope-migrate report${report.write ? '' : ' (dry run)'}`,
    '',
    `Transforms: ${report.transforms.join(', ')}`,
    '',
    '| status | files |',
    '| --- | ---: |',
    ...statuses.map((s) => `| ${s} | ${report.summary[s]} |`),
    '',
    '| transform | rewritten | markers |',
    '| --- | ---: | ---: |',
    ...report.transforms.map((id) => `| ${id} | ${report.counts[id]?.rewritten ?? 0} | ${report.counts[id]?.marked ?? 0} |`),
    '',
    `Markers: ${report.markers}. Ignored sites: ${report.ignored}. Deferred rewrites: ${report.deferred}.`,
    ...report.dependencies.map(({ packageJson, added }) =>
      added ? `\nAdded \`taskscope\` to the dependencies of \`${packageJson}\`.` : `\n\`${packageJson}\` does not depend on \`taskscope\`, which the migrated code imports (\`--write\` adds it).`,
    ),
  ];
  const listed = report.files.filter((f) => f.status !== 'unmodified');
  if (listed.length > 0) {
    lines.push('', '| file | status | rewrites | markers | note |', '| --- | --- | --- | ---: | --- |');
    for (const file of listed) {
      const note = (file.message ?? '').replaceAll('|', '\\|').replaceAll('\n', ' ');
      lines.push(`| \`${file.path}\` | ${file.status} | ${countList(file.counts, 'rewritten')} | ${file.markers} | ${note} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function countList(counts: TransformCounts, key: 'rewritten' | 'marked'): string {
  return (Object.entries(counts) as [TransformId, { rewritten: number; marked: number }][])
    .filter(([, count]) => count[key] > 0)
    .map(([id, count]) => `${id} ${count[key]}`)
    .join(', ');
}
