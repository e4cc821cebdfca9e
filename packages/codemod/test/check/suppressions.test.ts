// ESLint's bulk suppressions file, shared: what `taskscope check
// --suppress-all` writes ESLint honours, and what ESLint's CLI writes (its own
// SuppressionsService, on its own results) `taskscope check` honours, byte for
// byte the same file either way.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import * as parser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../../../eslint-plugin/src/index.js';
import { CHECK_EXIT, taskscopeMain } from '../../src/check/cli.js';
import { capture, checkProject } from '../temp-project.js';

const floating = [
  'declare function sendEmail(to: string): Promise<void>;',
  '',
  'export async function notify(to: string) {',
  '  sendEmail(to);',
  "  sendEmail('ops');",
  '  await Promise.all([sendEmail(to), sendEmail(`${to}-copy`)]);',
  '}',
  '',
].join('\n');

/** ESLint's own writer of the file, as its CLI's --suppress-all uses it. */
const eslintRoot = path.dirname(createRequire(import.meta.url).resolve('eslint/package.json'));
const { SuppressionsService } = createRequire(import.meta.url)(path.join(eslintRoot, 'lib/services/suppressions-service.js')) as {
  SuppressionsService: new (options: { filePath: string; cwd: string }) => { suppress(results: ESLint.LintResult[], rules?: string[]): Promise<void> };
};

function eslintFor(dir: string, applySuppressions: boolean): ESLint {
  const config: Linter.Config[] = [
    { files: ['**/*.ts'], languageOptions: { parser, parserOptions: { projectService: true, tsconfigRootDir: dir } } },
    plugin.configs.recommended as Linter.Config,
  ];
  return new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config, applySuppressions });
}

function check(dir: string, args: string[] = []) {
  const stdout = capture();
  const stderr = capture();
  const code = taskscopeMain(['check', ...args], { cwd: dir, stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const suppressionsOf = (dir: string) => readFileSync(path.join(dir, 'eslint-suppressions.json'), 'utf8');

describe('bulk suppressions (eslint-suppressions.json)', () => {
  it('taskscope check --suppress-all writes what ESLint writes, and ESLint honours it', async () => {
    const dir = checkProject({ 'src/notify.ts': floating });
    const written = check(dir, ['--suppress-all']);
    expect(written.code).toBe(CHECK_EXIT.ok);
    expect(written.stderr).toContain('  suppressed by eslint-suppressions.json: 3\n');
    const ours = suppressionsOf(dir);
    expect(JSON.parse(ours)).toEqual({ 'src/notify.ts': { 'taskscope/no-floating-promises': { count: 2 }, 'taskscope/no-orphaned-fan-out': { count: 1 } } });

    const [result] = await eslintFor(dir, true).lintFiles(['src']);
    expect(result!.messages).toEqual([]);
    expect(result!.suppressedMessages.map((m) => m.suppressions)).toEqual(Array(3).fill([{ kind: 'file', justification: '' }]));

    const theirs = checkProject({ 'src/notify.ts': floating });
    await new SuppressionsService({ filePath: path.join(theirs, 'eslint-suppressions.json'), cwd: theirs }).suppress(await eslintFor(theirs, false).lintFiles(['src']));
    expect(suppressionsOf(theirs)).toBe(ours);
  });

  it('ESLint --suppress-rule writes, and taskscope check honours it: only that rule, and only up to its count', async () => {
    const dir = checkProject({ 'src/notify.ts': floating });
    const service = new SuppressionsService({ filePath: path.join(dir, 'eslint-suppressions.json'), cwd: dir });
    await service.suppress(await eslintFor(dir, false).lintFiles(['src']), ['taskscope/no-floating-promises']);

    const honoured = check(dir, ['--format', 'json']);
    expect(honoured.code).toBe(CHECK_EXIT.problems);
    const [result] = JSON.parse(honoured.stdout) as { messages: { ruleId: string }[]; suppressedMessages: { ruleId: string; suppressions: unknown }[] }[];
    expect(result!.messages.map((m) => m.ruleId)).toEqual(['taskscope/no-orphaned-fan-out']);
    expect(result!.suppressedMessages.map((m) => [m.ruleId, m.suppressions])).toEqual(Array(2).fill(['taskscope/no-floating-promises', [{ kind: 'file', justification: '' }]]));

    // A third floating call: more than the two suppressed, so all three are reported, as ESLint does.
    writeFileSync(path.join(dir, 'src/notify.ts'), floating.replace("  sendEmail('ops');", "  sendEmail('ops');\n  sendEmail('audit');"));
    const grown = check(dir, ['--format', 'json']);
    const [after] = JSON.parse(grown.stdout) as { messages: { ruleId: string }[] }[];
    expect(after!.messages.filter((m) => m.ruleId === 'taskscope/no-floating-promises')).toHaveLength(3);
  });

  it('fails on suppressions that no longer occur until they are pruned; keeps other rules’ entries', () => {
    const dir = checkProject({ 'src/notify.ts': floating });
    expect(check(dir, ['--suppress-all']).code).toBe(CHECK_EXIT.ok);
    // Another tool's entries: taskscope check neither counts nor prunes them.
    const file = path.join(dir, 'eslint-suppressions.json');
    const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, { count: number }>>;
    entries['src/notify.ts']!['no-console'] = { count: 4 };
    entries['src/deleted.ts'] = { 'taskscope/no-floating-promises': { count: 1 } };
    writeFileSync(file, JSON.stringify(entries));
    writeFileSync(path.join(dir, 'src/notify.ts'), floating.replace("  sendEmail('ops');\n", ''));

    const stale = check(dir);
    expect(stale.code).toBe(CHECK_EXIT.usage);
    expect(stale.stderr).toContain('taskscope check: there are suppressions left that do not occur anymore (src/notify.ts). Run with --prune-suppressions');
    expect(check(dir, ['--pass-on-unpruned-suppressions']).code).toBe(CHECK_EXIT.ok);

    expect(check(dir, ['--prune-suppressions']).code).toBe(CHECK_EXIT.ok);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      'src/notify.ts': { 'no-console': { count: 4 }, 'taskscope/no-floating-promises': { count: 1 }, 'taskscope/no-orphaned-fan-out': { count: 1 } },
    });
  });

  it('counts errors only: a rule set to warn is reported and never suppressed', () => {
    const dir = checkProject({
      'src/notify.ts': floating,
      'taskscope.config.json': JSON.stringify({ rules: { 'taskscope/no-orphaned-fan-out': 'warn' } }),
    });
    check(dir, ['--suppress-all']);
    expect(Object.keys(JSON.parse(suppressionsOf(dir))['src/notify.ts'])).toEqual(['taskscope/no-floating-promises']);
    expect(check(dir).stdout).toContain('warning');
  });

  it.each([
    [['--suppress-all', '--suppress-rule', 'taskscope/no-floating-promises'], '--suppress-all and --suppress-rule cannot be used together'],
    [['--suppress-all', '--prune-suppressions'], '--prune-suppressions cannot be used with --suppress-all'],
    [['--suppressions-location', 'baseline.json'], 'the suppressions file does not exist. Run with --suppress-all or --suppress-rule to create it.'],
  ])('refuses %j as ESLint does', (args, message) => {
    const { code, stderr } = check(checkProject({ 'src/notify.ts': floating }), args);
    expect(code).toBe(CHECK_EXIT.usage);
    expect(stderr).toContain(message);
  });

  it('--suppressions-location writes and reads another file', () => {
    const dir = checkProject({ 'src/notify.ts': floating });
    writeFileSync(path.join(dir, 'baseline.json'), '{}');
    expect(check(dir, ['--suppress-all', '--suppressions-location', 'baseline.json']).code).toBe(CHECK_EXIT.ok);
    expect(check(dir, ['--suppressions-location', 'baseline.json']).code).toBe(CHECK_EXIT.ok);
    expect(check(dir).code).toBe(CHECK_EXIT.problems);
  });
});
