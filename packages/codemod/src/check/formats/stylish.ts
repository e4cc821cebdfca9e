import path from 'node:path';

import type { CheckReport, Problem } from '../run.js';

export interface StylishOptions {
  cwd: string;
  /** ANSI colours, for a terminal. */
  color: boolean;
}

/**
 * ESLint's default format: each file with problems, then one line per
 * problem, `line:column  severity  message  rule`, the message without its
 * closing period, as ESLint's `stylish` prints it. Empty when there are none.
 */
export function stylish(report: CheckReport, { cwd, color }: StylishOptions): string {
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const blocks: string[] = [];
  for (const file of report.files) {
    if (file.problems.length === 0) continue;
    const rows = file.problems.map((p: Problem) => ({
      line: String(p.line),
      column: String(p.column),
      severity: p.severity === 2 ? 'error' : 'warning',
      message: p.message.replace(/([^ ])\.$/, '$1'),
      rule: p.rule ?? '',
    }));
    const width = (key: keyof (typeof rows)[number]) => Math.max(...rows.map((row) => row[key].length));
    const [line, column, severity, message] = [width('line'), width('column'), width('severity'), width('message')];
    const lines = rows.map((row) => {
      const at = `${row.line.padStart(line)}:${row.column.padEnd(column)}`;
      const level = paint(row.severity === 'error' ? '31' : '33', row.severity.padEnd(severity));
      return `  ${paint('2', at)}  ${level}  ${row.message.padEnd(message)}  ${paint('2', row.rule)}`.trimEnd();
    });
    blocks.push(`${paint('4', path.relative(cwd, file.path) || file.path)}\n${lines.join('\n')}\n`);
  }
  return blocks.length === 0 ? '' : `\n${blocks.join('\n')}`;
}
