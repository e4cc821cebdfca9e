// No rule may throw on any file ESLint parses. Lints test/robustness/ (hand-written
// nasty files) plus generated ones (a 10,000-line file, callbacks nested 250 deep,
// minified one-liners) with every rule on: typed through the project service, and
// untyped (typescript-eslint's parser without a project, espree for JavaScript).
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint, type Linter, type Rule } from 'eslint';
import * as espree from 'espree';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { everyRule, plugin, ruleIds, temporaryProject, tsParser } from './eslint-api.js';

const handWritten = fileURLToPath(new URL('./robustness/', import.meta.url));
const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const JS_FILES = ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'];

let project: ReturnType<typeof temporaryProject>;
let fileCount = 0;

beforeAll(() => {
  project = temporaryProject('robustness');
  cpSync(handWritten, project.dir, { recursive: true });
  const generated = generatedFiles();
  for (const [name, text] of Object.entries(generated)) writeFileSync(join(project.dir, name), text);
  fileCount = new Set([...listSources(handWritten), ...Object.keys(generated)]).size;
});

afterAll(() => project.dispose());

/** Records, per file, whether the rules saw type information: proves each mode is what it claims. */
const sawProgram = new Map<string, boolean>();
const probe: ESLint.Plugin = {
  rules: {
    types: {
      meta: { type: 'problem', schema: [] },
      create(context: Rule.RuleContext) {
        sawProgram.set(context.filename, context.sourceCode.parserServices?.program != null);
        return {};
      },
    },
  },
};

type Mode = 'typed' | 'untyped';

function config(mode: Mode, rules: Linter.Config['rules']): Linter.Config[] {
  const typescript: Linter.Config['languageOptions'] = {
    parser: tsParser,
    parserOptions: mode === 'typed' ? { projectService: true, tsconfigRootDir: project.dir } : {},
  };
  const javascript: Linter.Config['languageOptions'] =
    mode === 'typed'
      ? typescript
      : { parser: espree, ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } };
  return [
    { files: TS_FILES, languageOptions: typescript },
    { files: JS_FILES, languageOptions: javascript },
    { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
    { plugins: { taskscope: plugin, probe }, rules: { ...rules, 'probe/types': 'error' } },
  ];
}

/**
 * The runs: configs.strict typed, and every rule with its default options
 * untyped (they differ from strict only in options), so each option set and
 * each mode is crossed once. The suite sets TASKSCOPE_STRICT=1, so a detector
 * error, or a fix with overlapping edits, crashes the run instead of being
 * swallowed; core's detect tests check that users get the swallowing.
 */
const runs: [string, Mode, Linter.Config['rules']][] = [
  ['configs.strict', 'typed', plugin.configs.strict.rules],
  ['every rule with default options', 'untyped', everyRule],
];

describe('no rule throws on any file ESLint parses', () => {
  it.each(runs)('%s, %s', { timeout: 300_000 }, async (_name, mode, rules) => {
    expect(process.env.TASKSCOPE_STRICT).toBe('1');
    sawProgram.clear();
    const eslint = new ESLint({ cwd: project.dir, overrideConfigFile: true, overrideConfig: config(mode, rules) });
    // A rule that throws rejects the whole run, naming the rule and the file.
    const results = await eslint.lintFiles(['.']);

    expect(results).toHaveLength(fileCount);
    const fatal = results.flatMap((result) =>
      result.messages.filter((message) => message.fatal).map((message) => `${result.filePath}: ${message.message}`),
    );
    expect(fatal).toEqual([]);

    const linted = results.map((result) => result.filePath);
    const tsFiles = linted.filter((file) => mode === 'typed' || /\.[cm]?tsx?$/.test(file));
    expect(tsFiles.map((file) => [file, sawProgram.get(file)])).toEqual(tsFiles.map((file) => [file, mode === 'typed']));

    // The corpus gives every rule something to report, so a rule that bails out everywhere shows.
    const reported = new Set(results.flatMap((result) => result.messages.map((message) => message.ruleId)));
    expect(ruleIds.filter((id) => `taskscope/${id}` in (rules ?? {}) && !reported.has(`taskscope/${id}`))).toEqual([]);
  });
});

function listSources(dir: string): string[] {
  return readdirSync(dir).filter((name) => /\.[cm]?[jt]sx?$/.test(name));
}

/**
 * Files too big or too regular to check in. Names differ from the TS ones' on
 * purpose: TypeScript drops `x.js` from a project that also has `x.ts`, and
 * `*.min.js` from any project.
 */
function generatedFiles(): Record<string, string> {
  return {
    'huge.ts': hugeFile(10_000),
    'deep.ts': deepFile(true),
    'deep-callbacks.js': deepFile(false),
    'minified.ts': minifiedFile(1_000, true),
    'bundle.js': minifiedFile(1_000, false),
  };
}

/** At least `lines` lines of service code: fan-outs, settled calls, races, async callbacks, signals. */
function hugeFile(lines: number): string {
  const out = ['// Generated by robustness.test.ts.', 'declare function save(id: string, signal?: AbortSignal): Promise<void>;', ''];
  for (let n = 0; out.length < lines; n++) {
    out.push(
      `export async function step${n}(ids: string[], signal?: AbortSignal): Promise<number> {`,
      `  const results = await Promise.allSettled(ids.map((id) => fetch(\`/s/${n}/\${id}\`)));`,
      `  Promise.all([fetch('/a${n}'), fetch('/b${n}', { signal })]);`,
      '  ids.forEach(async (id) => {',
      n % 3 ? '    await save(id);' : '    await save(id, signal);',
      '  });',
      `  const timer = Promise.race([fetch('/r${n}'), new Promise((resolve) => setTimeout(resolve, ${n}))]);`,
      n % 2 ? '  void timer;' : '  await timer;',
      `  const parked = save('${n}');`,
      '  await Promise.all(ids.map(async (id) => save(id)));',
      '  await parked;',
      "  return results.filter((r) => r.status === 'fulfilled').length;",
      '}',
      '',
    );
  }
  return out.join('\n');
}

/**
 * Callbacks nested 250 deep (expression bodies) and 120 deep (block bodies), a
 * 300-link `.then` chain and a 500-term sum. typescript-eslint's parser itself
 * overflows the stack on block-bodied callbacks nested about 170 deep and on
 * sums of 1,000 terms, so those are as deep as a parseable file goes.
 */
function deepFile(typed: boolean): string {
  const out = [
    '// Generated by robustness.test.ts.',
    typed ? 'declare function run(fn: () => unknown): Promise<void>;' : 'const run = async (fn) => fn();',
    typed ? 'declare function step(n: number): Promise<number>;' : 'const step = async (n) => n;',
    `export const expressions = run(${'async () => run('.repeat(250)}() => Promise.all([step(1), step(2)])${')'.repeat(250)});`,
  ];
  for (let level = 0; level < 120; level++) out.push(`${' '.repeat(level % 40)}run(async () => {`, `  await step(${level});`);
  out.push('Promise.all([step(1), step(2)]);', 'step(3);');
  for (let level = 119; level >= 0; level--) out.push(`${' '.repeat(level % 40)}});`);
  out.push(`export const chain = step(0)${Array.from({ length: 300 }, (_, i) => `.then(() => step(${i}))`).join('')};`);
  out.push(`export const sum = ${Array.from({ length: 500 }, (_, i) => i).join(' + ')};`);
  return `${out.join('\n')}\n`;
}

/** One very long line, as bundlers emit. */
function minifiedFile(functions: number, typed: boolean): string {
  const parameter = typed ? 'a:()=>Promise<number>' : 'a';
  const body = Array.from(
    { length: functions },
    (_, i) =>
      `function f${i}(${parameter}){return Promise.all([a(),fetch("/"+${i})]).then(function(b){return b.length}),a(),Promise.race([a(),a()])}`,
  );
  return `${body.join(';')};\n`;
}
