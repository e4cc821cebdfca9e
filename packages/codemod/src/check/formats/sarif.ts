import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { Position } from '../position.js';
import type { CheckReport, Problem, Replacement } from '../run.js';

const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };

export interface SarifOptions {
  /** What artifact URIs are relative to (`%SRCROOT%`): the repository's root, for code scanning. */
  root: string;
}

/**
 * A SARIF 2.1.0 log of one run, in the subset GitHub code scanning reads:
 * every rule of the preset with its description and docs link; each problem
 * as a result with its location (columns in UTF-16 code units, as TypeScript
 * counts them), a fingerprint of its line, and each suggestion as a fix.
 * Parsing errors are notifications of the run, not results.
 */
export function sarif(report: CheckReport, { root }: SarifOptions): string {
  const ruleIndex = new Map(report.rules.map((rule, index) => [rule.name, index]));
  const results: object[] = [];
  const notifications: object[] = [];
  for (const file of report.files) {
    const artifact = artifactLocation(root, file.path);
    const seen = new Map<string, number>();
    for (const problem of file.problems) {
      const location = { physicalLocation: { artifactLocation: artifact, region: regionOf(problem) } };
      if (problem.rule === null) {
        notifications.push({ level: 'error', message: { text: problem.message }, locations: [location] });
        continue;
      }
      // Code scanning follows an alert across commits by its fingerprint: the rule and the line's text, and
      // which of the equal ones in the file it is, so that lines moving up or down keep their alerts.
      const key = createHash('sha256').update(`${problem.rule}\0${problem.lineText}`).digest('hex').slice(0, 16);
      const occurrence = (seen.get(key) ?? 0) + 1;
      seen.set(key, occurrence);
      results.push({
        ruleId: problem.rule,
        ruleIndex: ruleIndex.get(problem.rule),
        level: level(problem),
        message: { text: problem.message },
        locations: [location],
        partialFingerprints: { 'taskscopeLineHash/v1': `${key}:${occurrence}` },
        ...(problem.suggestions.length > 0 && {
          fixes: problem.suggestions.map((suggestion) => ({
            description: { text: suggestion.desc },
            artifactChanges: [{ artifactLocation: artifact, replacements: suggestion.replacements.map(replacement) }],
          })),
        }),
      });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'taskscope',
            semanticVersion: version,
            informationUri: 'https://github.com/taskscope/taskscope',
            rules: report.rules.map((rule) => ({
              id: rule.name,
              name: rule.id,
              shortDescription: { text: rule.description },
              helpUri: rule.url,
              help: { text: `${rule.description}. See ${rule.url}` },
              defaultConfiguration: { level: rule.severity === 2 ? 'error' : 'warning' },
              properties: { tags: ['concurrency', 'reliability'], precision: 'high' },
            })),
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Relative to the root, `/`-separated and percent-encoded; a file outside it by its absolute URI. */
function artifactLocation(root: string, file: string): object {
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(file).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function regionOf(problem: Problem): object {
  const { line, column, endLine, endColumn } = problem;
  return endLine === undefined ? { startLine: line, startColumn: column } : { startLine: line, startColumn: column, endLine, endColumn };
}

function replacement({ from, to, text }: Replacement): object {
  return { deletedRegion: region(from, to), insertedContent: { text } };
}

// An empty region (start = end) is an insertion point.
function region(from: Position, to: Position): object {
  return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column };
}

function level(problem: Problem): 'error' | 'warning' {
  return problem.severity === 2 ? 'error' : 'warning';
}
