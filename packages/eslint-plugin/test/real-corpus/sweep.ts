// Lints repositories of the real-code corpus (test/real-corpus/corpus.ts) with
// configs.strict, typed through the project service or untyped, as a new user
// would run ESLint on them: every crash or fatal message is a failure.
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { clearCaches } from '@typescript-eslint/parser';
import tseslint from 'typescript-eslint';
import { ESLint, type Linter } from 'eslint';

import { type Corpus, defaultProjectGlobs, filesOutsideProjects } from '../../../../test/real-corpus/corpus.js';
import { plugin, tsParser } from '../eslint-api.js';
import { type SuggestionOutcome, withSuggestionCheck } from './suggestion-check.js';

export type Mode = 'typed' | 'untyped';

export interface LintFinding {
  /** Relative to the corpus root, with `/`. */
  file: string;
  line: number;
  column: number;
  rule: string;
  suggestions: number;
  /** Everything the finding says and proposes: message id, place, each suggestion's edit. */
  detail: string;
}

export interface SweepOptions {
  /** Which files of the repositories to lint (paths relative to the corpus root); default all. */
  only?: (file: string) => boolean;
  /** The preset; default strict. */
  preset?: 'recommended' | 'strict';
  /** Also run typescript-eslint's no-floating-promises and no-misused-promises (typed only), the peer the accuracy compares with. */
  peers?: boolean;
  /** Typed: typecheck each suggestion applied alone, in the file's program, into this list (see suggestion-check.ts). */
  suggestionOutcomes?: SuggestionOutcome[];
}

/** typescript-eslint's two promise rules, with their default options. */
export const PEER_RULES = ['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises'] as const;

export interface SweepResult {
  files: number;
  fatal: string[];
  findings: LintFinding[];
  /** The peer rules' findings, `rule` with its `@typescript-eslint/` prefix. */
  peerFindings: LintFinding[];
  wallMs: number;
  cpuMs: number;
}

const SOURCES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

/** Lints the corpus files under `repositories` (those `only` accepts), one ESLint run per repository. */
export async function lintRepositories(
  corpus: Corpus,
  repositories: readonly string[],
  mode: Mode,
  { only = () => true, preset = 'strict', peers = false, suggestionOutcomes }: SweepOptions = {},
): Promise<SweepResult> {
  const total: SweepResult = { files: 0, fatal: [], findings: [], peerFindings: [], wallMs: 0, cpuMs: 0 };
  const relative = (file: string) => path.relative(corpus.dir, file).split(path.sep).join('/');
  for (const repository of repositories) {
    const chosen = corpus.files.filter((file) => relative(file).startsWith(`${repository}/`) && only(relative(file)));
    if (chosen.length === 0) continue;
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const outside = mode === 'typed' ? filesOutsideProjects(chosen) : [];
    const extras = { peers, suggestionOutcomes };
    let results = await lint(corpus, chosen, outside, mode, preset, extras);
    // A file no tsconfig lists can still be in one's program, imported by a file it lists; the
    // project service then finds it there and refuses it the default project: lint it again without.
    const found = new Set(results.filter(inAProjectAfterAll).map((result) => result.filePath));
    if (found.size > 0) {
      results = [...results.filter((result) => !found.has(result.filePath)), ...(await lint(corpus, [...found], [], mode, preset, extras))];
    }
    const used = process.cpuUsage(cpu);
    total.wallMs += performance.now() - wall;
    total.cpuMs += (used.user + used.system) / 1000;
    total.files += results.length;
    for (const result of results) {
      for (const message of result.messages) {
        if (message.fatal) total.fatal.push(`${relative(result.filePath)}:${message.line} ${message.message}`);
        else if (message.ruleId?.startsWith('taskscope/')) total.findings.push(lintFindingOf(relative(result.filePath), message));
        else if (message.ruleId?.startsWith('@typescript-eslint/')) total.peerFindings.push({ ...lintFindingOf(relative(result.filePath), message), rule: message.ruleId });
      }
    }
  }
  return total;
}

/** What an ESLint message (or a `taskscope check` problem, which has its shape) says, as a finding. */
export function lintFindingOf(file: string, message: Pick<Linter.LintMessage, 'ruleId' | 'messageId' | 'line' | 'column' | 'endLine' | 'endColumn' | 'suggestions'>): LintFinding {
  return {
    file,
    line: message.line,
    column: message.column,
    rule: (message.ruleId ?? '').slice('taskscope/'.length),
    suggestions: message.suggestions?.length ?? 0,
    detail: JSON.stringify([
      message.messageId,
      message.line,
      message.column,
      message.endLine,
      message.endColumn,
      (message.suggestions ?? []).map((s) => [s.messageId, s.fix.range, s.fix.text]),
    ]),
  };
}

async function lint(
  corpus: Corpus,
  files: readonly string[],
  outside: readonly string[],
  mode: Mode,
  preset: 'recommended' | 'strict',
  { peers, suggestionOutcomes }: Pick<SweepOptions, 'peers' | 'suggestionOutcomes'>,
): Promise<ESLint.LintResult[]> {
  let config = lintConfig({ root: corpus.dir, files, outside, mode, preset });
  if (mode === 'typed' && suggestionOutcomes) {
    const checked = withSuggestionCheck(plugin, corpus.dir, suggestionOutcomes);
    config = config.map((entry) => (entry.plugins?.taskscope ? { ...entry, plugins: { ...entry.plugins, taskscope: checked } } : entry));
  }
  if (peers && mode === 'typed') config.push({ files: SOURCES, plugins: { '@typescript-eslint': tseslint.plugin as never }, rules: Object.fromEntries(PEER_RULES.map((rule) => [rule, 'error'])) });
  const eslint = new ESLint({ cwd: corpus.dir, overrideConfigFile: true, ignore: false, overrideConfig: config });
  const results = await eslint.lintFiles([...files]);
  // Its project service is not needed by the next run.
  clearCaches();
  return results;
}

function inAProjectAfterAll(result: ESLint.LintResult): boolean {
  return result.messages.some((message) => message.fatal && message.message.includes('was included by allowDefaultProject but also was found in the project service'));
}

export interface LintConfigOptions {
  /** The directory the files' paths and tsconfigs are relative to. */
  root: string;
  files: readonly string[];
  /** Those of `files` no tsconfig includes: typed, they get the default project. */
  outside: readonly string[];
  mode: Mode;
  preset: 'recommended' | 'strict';
  /** Honour the files' eslint-disable comments; default off, as they name plugins not loaded here. */
  inlineConfig?: boolean;
}

/** The flat config a user of the plugin would write for these files. */
export function lintConfig({ root, files, outside, mode, preset, inlineConfig = false }: LintConfigOptions): Linter.Config[] {
  const parserOptions =
    mode === 'typed'
      ? {
          projectService: {
            allowDefaultProject: defaultProjectGlobs(root, files, outside),
            maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: files.length,
          },
          tsconfigRootDir: root,
        }
      : {};
  return [
    { linterOptions: { noInlineConfig: !inlineConfig, reportUnusedDisableDirectives: 'off' } },
    { files: SOURCES, languageOptions: { parser: tsParser, parserOptions } },
    { ...plugin.configs[preset], files: SOURCES },
  ];
}

/** Findings per rule, every rule listed. */
export function countByRule(findings: readonly LintFinding[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(Object.keys(plugin.rules ?? {}).map((id) => [id, 0]));
  for (const finding of findings) counts[finding.rule] = (counts[finding.rule] ?? 0) + 1;
  return counts;
}

/** The figures the sweep prints, so a change that drops or floods findings shows in the CI log. */
export function summary(label: string, result: SweepResult): string {
  const rate = (result.files / (result.wallMs / 1000)).toFixed(1);
  const rules = Object.entries(countByRule(result.findings))
    .map(([rule, count]) => `  ${rule.padEnd(28)} ${String(count).padStart(5)}`)
    .join('\n');
  return `${label}: ${result.files} files in ${(result.wallMs / 1000).toFixed(1)} s (${rate} files/s, CPU ${(result.cpuMs / 1000).toFixed(1)} s), ${result.findings.length} findings\n${rules}`;
}
