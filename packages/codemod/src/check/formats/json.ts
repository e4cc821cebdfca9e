import type { CheckReport, Problem } from '../run.js';

/**
 * ESLint's `json` format, field for field: one result per file checked, its
 * messages, the suppressed ones with their `suppressions`, and the counts, so
 * that what reads `eslint --format json` reads this too.
 */
export function json(report: CheckReport): string {
  const results = report.files.map((file) => {
    const errors = file.problems.filter((p) => p.severity === 2);
    return {
      filePath: file.path,
      messages: file.problems.map(message),
      suppressedMessages: file.suppressed.map((p) => ({ ...message(p), suppressions: p.suppressions })),
      errorCount: errors.length,
      fatalErrorCount: errors.filter((p) => p.fatal).length,
      warningCount: file.problems.length - errors.length,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
      ...(file.source !== undefined && { source: file.source }),
    };
  });
  return `${JSON.stringify(results)}\n`;
}

function message(problem: Problem) {
  const { rule, severity, message: text, line, column, messageId, endLine, endColumn, fatal, suggestions } = problem;
  if (fatal) return { ruleId: rule, fatal, severity, message: text, line, column };
  return {
    ruleId: rule,
    severity,
    message: text,
    line,
    column,
    messageId,
    endLine,
    endColumn,
    ...(suggestions.length > 0 && { suggestions: suggestions.map(({ messageId: id, data, desc, fix }) => ({ messageId: id, ...(data && { data }), fix, desc })) }),
  };
}
