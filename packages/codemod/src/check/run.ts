import type { Finding, TextEdit } from '@taskscope/core';
import type { ts } from 'ts-morph';

import { core } from '../compiler.js';
import { RuleSettings, type TaskscopeConfig } from '../config.js';
import { syntaxErrorOf } from '../engine.js';
import { type LoadOptions, type SkippedFile, loadProjects } from '../project.js';
import { createWalk } from '../walk.js';
import { type Suppression, suppressorFor } from './directives.js';
import { type Position, lineText, positionOf } from './position.js';
import { formatMessage } from '../message.js';
import { type CheckRule, type Preset, type ReportedSeverity, rulesOf } from './rules.js';

/** One edit of a suggestion: offsets into the file and the 1-based positions they are at. */
export interface Replacement {
  start: number;
  end: number;
  text: string;
  from: Position;
  to: Position;
}

/** A rule's suggestion, as the ESLint rule offers it: its edits, the import included. */
export interface Suggestion {
  messageId: string;
  data?: Record<string, string>;
  desc: string;
  /** By offset; they never overlap. */
  replacements: Replacement[];
  /** The replacements as ESLint gives one suggestion: a single edit spanning them all. */
  fix: { range: [number, number]; text: string };
}

/** One reported problem, in ESLint's terms: a rule's finding, or the file's parsing error (`rule` null, `fatal`). */
export interface Problem extends Position {
  /** `taskscope/<id>`. */
  rule: string | null;
  severity: ReportedSeverity;
  message: string;
  messageId?: string;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  /** The trimmed text of the line it starts on (SARIF's fingerprints). */
  lineText: string;
  suggestions: Suggestion[];
  /** Set on a problem an eslint-disable comment suppresses. */
  suppressions?: Suppression[];
}

export interface CheckedFile {
  /** Absolute. */
  path: string;
  /** The tsconfig whose program it was checked in; undefined: the default project. */
  project: string | undefined;
  /** Reported, by position. */
  problems: Problem[];
  /** Suppressed by eslint-disable comments. */
  suppressed: Problem[];
  /** The file's text, kept when it has problems (ESLint's json format gives it). */
  source?: string;
}

export interface CheckOptions extends Omit<LoadOptions, 'defaultProject'> {
  /** The rules' settings (taskscope.config.json); default: the preset's. */
  config?: TaskscopeConfig;
  /** The plugin's preset to run, over the configuration's own; default: the configuration's, else recommended. */
  preset?: Preset;
  /** Honour eslint-disable comments, as ESLint does unless inline config is turned off; default true. */
  inlineConfig?: boolean;
  /** Called once the files are known. */
  onStart?(total: number): void;
  /** Called before a project's program is built (the slow part of a large project). */
  onProject?(configPath: string | undefined, files: number): void;
  onFile?(file: CheckedFile): void;
}

export interface CheckReport {
  preset: Preset;
  /** The configuration file the settings came from, absolute; undefined: the preset alone. */
  config: string | undefined;
  /** The rules on in some file. */
  rules: CheckRule[];
  /** By path. */
  files: CheckedFile[];
  skipped: SkippedFile[];
  /** `paths…` that matched no file. */
  unmatched: string[];
  /** How many of the files no tsconfig includes, checked in the default project. */
  inDefaultProject: number;
}

/**
 * Runs the configured rules over the project, typed, as the ESLint plugin runs
 * them: each file in the program of its nearest tsconfig (the codemod's
 * `loadProjects`), the files no tsconfig includes in typescript-eslint's
 * default project, one program at a time; each detector where its ESLint rule
 * would run it, with the rule's messages and suggestions.
 */
export function runCheck(options: CheckOptions): CheckReport {
  const settings = new RuleSettings(options.config, options.preset);
  const rules = rulesOf(settings);
  const byId = new Map(rules.map((rule) => [rule.id as string, rule]));
  const walk = createWalk(rules);
  const selection = loadProjects({ ...options, defaultProject: true });
  options.onStart?.(selection.projects.reduce((n, p) => n + p.files.length, 0));

  const files: CheckedFile[] = [];
  for (const planned of selection.projects) {
    options.onProject?.(planned.configPath, planned.files.length);
    const { project, files: sourceFiles } = planned.open();
    const checker = project.getTypeChecker().compilerObject;
    for (const sourceFile of sourceFiles) {
      const problems = problemsOf(sourceFile, walk, checker, byId, options.cwd);
      const suppress = options.inlineConfig === false ? undefined : suppressorFor(sourceFile);
      const file: CheckedFile = { path: sourceFile.fileName, project: planned.configPath, problems: [], suppressed: [] };
      for (const problem of problems) {
        const suppressions = problem.rule === null || !suppress ? [] : suppress(problem.rule, problem);
        if (suppressions.length === 0) file.problems.push(problem);
        else file.suppressed.push({ ...problem, suppressions });
      }
      if (file.problems.length > 0) file.source = sourceFile.text;
      files.push(file);
      options.onFile?.(file);
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const inDefaultProject = selection.projects.find((p) => p.configPath === undefined)?.files.length ?? 0;
  const { preset } = settings;
  return { preset, config: options.config?.path, rules, files, skipped: selection.skipped, unmatched: selection.unmatched, inDefaultProject };
}

function problemsOf(
  sourceFile: ts.SourceFile,
  walk: ReturnType<typeof createWalk>,
  checker: ts.TypeChecker,
  rules: ReadonlyMap<string, CheckRule>,
  root: string,
): Problem[] {
  // typescript-eslint stops at the first syntax error, and so does ESLint: no rule runs.
  const error = syntaxErrorOf(sourceFile);
  if (error) {
    const at = positionOf(sourceFile, error.start);
    return [{ rule: null, severity: 2, fatal: true, message: `Parsing error: ${error.message}`, ...at, lineText: lineText(sourceFile, at), suggestions: [] }];
  }
  return walk({ sourceFile, checker, root })
    .map((finding) => problemOf(finding, rules.get(finding.rule)!, sourceFile))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

function problemOf(finding: Finding, rule: CheckRule, sourceFile: ts.SourceFile): Problem {
  const span = core.reportedSpan(finding, sourceFile);
  const start = positionOf(sourceFile, span.start);
  const end = positionOf(sourceFile, span.end);
  const text = (messageId: string, data?: Record<string, string>) => formatMessage(rule.messages[messageId] ?? messageId, data);
  // As the ESLint adapter does: each fix that plans cleanly on its own is a suggestion.
  const suggestions = finding.fixes.flatMap((fix): Suggestion[] => {
    const { edits, skipped } = core.planEdits(sourceFile, [fix]);
    if (skipped.length > 0) return [];
    const replacements = edits.map((edit) => replacementOf(sourceFile, edit)).sort((a, b) => a.start - b.start);
    const suggestion: Suggestion = { messageId: fix.messageId, desc: text(fix.messageId, fix.data), replacements, fix: merged(sourceFile.text, replacements) };
    if (fix.data) suggestion.data = fix.data;
    return [suggestion];
  });
  return {
    rule: rule.name,
    // The walk runs a rule only where it is on, so its severity there is 1 or 2.
    severity: rule.severityIn(sourceFile.fileName) as ReportedSeverity,
    message: text(finding.messageId, finding.data),
    messageId: finding.messageId,
    ...start,
    endLine: end.line,
    endColumn: end.column,
    lineText: lineText(sourceFile, start),
    suggestions,
  };
}

/** Edits in order merged into one, the text between them kept, as ESLint merges a suggestion's fixes. */
function merged(text: string, replacements: readonly Replacement[]): Suggestion['fix'] {
  let joined = '';
  let at = replacements[0]?.start ?? 0;
  for (const replacement of replacements) {
    joined += text.slice(at, replacement.start) + replacement.text;
    at = replacement.end;
  }
  return { range: [replacements[0]?.start ?? 0, at], text: joined };
}

function replacementOf(sourceFile: ts.SourceFile, edit: TextEdit): Replacement {
  return { start: edit.start, end: edit.end, text: edit.text, from: positionOf(sourceFile, edit.start), to: positionOf(sourceFile, edit.end) };
}
