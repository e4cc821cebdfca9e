// One configuration, three front ends: a taskscope.config.json with options
// that change what is found (no-orphaned-fan-out's allow), a severity, and a
// per-directory override that turns a rule off. ESLint reads it the way the
// README's eslint.config does, `taskscope check` and `taskscope-migrate` on
// their own; the three must agree.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import * as parser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../../../eslint-plugin/src/index.js';
import { taskscopeMain } from '../../src/check/cli.js';
import { main as migrateMain } from '../../src/cli.js';
import { capture, checkProject } from '../temp-project.js';

const declarations = [
  'declare function generateImage(query: string, signal?: AbortSignal): Promise<string>;',
  'declare function summarize(text: string, signal?: AbortSignal): Promise<string>;',
  'declare function audit(event: string, signal?: AbortSignal): Promise<void>;',
  '',
].join('\n');

const files = {
  // The allowed callee: reported by default, not with the options.
  'src/search.ts': `${declarations}export async function search(query: string) {\n  return Promise.all([generateImage(query), generateImage(\`\${query} news\`)]);\n}\n`,
  'src/summary.ts': `${declarations}export async function both(text: string) {\n  return Promise.all([summarize(text), summarize(text.slice(0, 100))]);\n}\n`,
  // The override turns no-floating-promises off here, and only here.
  'src/legacy/save.ts': `${declarations}export async function save(doc: string) {\n  audit(doc);\n  await summarize(doc);\n}\n`,
  'src/save.ts': `${declarations}export async function save(doc: string) {\n  audit(doc);\n  await summarize(doc);\n}\n`,
};

const config = {
  rules: { 'taskscope/no-orphaned-fan-out': ['warn', { allow: ['generateImage'] }] },
  overrides: [{ files: ['src/legacy/**'], rules: { 'taskscope/no-floating-promises': 'off' } }],
};

/** The README's eslint.config, with the shared file spread into it. */
function eslintConfig(dir: string): Linter.Config[] {
  const shared = JSON.parse(readFileSync(path.join(dir, 'taskscope.config.json'), 'utf8')) as {
    preset?: 'recommended' | 'strict';
    rules?: Linter.RulesRecord;
    overrides?: Linter.Config[];
  };
  return [
    { files: ['**/*.ts'], languageOptions: { parser, parserOptions: { projectService: true, tsconfigRootDir: dir } } },
    plugin.configs[shared.preset ?? 'recommended'] as Linter.Config,
    { rules: shared.rules ?? {} },
    ...(shared.overrides ?? []),
  ];
}

async function eslintFindings(dir: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: eslintConfig(dir) });
  const results = await eslint.lintFiles(['src']);
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath)}:${m.line} ${m.ruleId} ${m.severity}`)).sort();
}

function run(main: typeof taskscopeMain, dir: string, args: string[]) {
  const stdout = capture();
  const stderr = capture();
  const code = main(args, { cwd: dir, stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('one configuration for ESLint, taskscope check and taskscope-migrate', () => {
  it('the same findings, severities included, in ESLint and taskscope check', async () => {
    const dir = checkProject({ ...files, 'taskscope.config.json': JSON.stringify(config) });
    const expected = ['src/save.ts:5 taskscope/no-floating-promises 2', 'src/summary.ts:5 taskscope/no-orphaned-fan-out 1'];
    expect(await eslintFindings(dir)).toEqual(expected);

    const { stdout, stderr } = run(taskscopeMain, dir, ['check', '--format', 'json']);
    const results = JSON.parse(stdout) as { filePath: string; messages: { line: number; ruleId: string; severity: number }[] }[];
    const check = results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath)}:${m.line} ${m.ruleId} ${m.severity}`)).sort();
    expect(check).toEqual(expected);
    expect(stderr).toContain('  rule settings: taskscope.config.json\n');
  });

  it('says which settings it used when the project also has an ESLint flat config', () => {
    const dir = checkProject({ ...files, 'eslint.config.mjs': 'export default [];\n' });
    expect(run(taskscopeMain, dir, ['check']).stderr).toContain(
      "  rule settings: configs.recommended's defaults, not eslint.config.mjs (share its taskscope settings through taskscope.config.json)\n",
    );
    writeFileSync(path.join(dir, 'taskscope.config.json'), JSON.stringify(config));
    expect(run(taskscopeMain, dir, ['check']).stderr).toContain('  rule settings: taskscope.config.json, not eslint.config.mjs\n');
  });

  it('taskscope-migrate rewrites what ESLint reports under it and leaves the rest: after --write, ESLint finds nothing', async () => {
    const dir = checkProject({ ...files, 'taskscope.config.json': JSON.stringify(config) });
    const { code, stderr } = run(migrateMain, dir, ['--write']);
    expect(code).toBe(0);
    expect(stderr).toContain('taskscope-migrate: rule settings from taskscope.config.json\n');
    const text = (file: string) => readFileSync(path.join(dir, file), 'utf8');
    // Allowed and turned off: as they were.
    expect(text('src/search.ts')).toBe(files['src/search.ts']);
    expect(text('src/legacy/save.ts')).toBe(files['src/legacy/save.ts']);
    expect(text('src/summary.ts')).toMatch(/return all\(\[\s+\(signal\) => summarize\(text, signal\),/);
    expect(text('src/save.ts')).toContain('s.spawn((signal) => audit(doc, signal));');
    expect(await eslintFindings(dir)).toEqual([]);
  });

  it('without the configuration the codemod rewrites the allowed fan-out and the legacy folder too', () => {
    const dir = checkProject(files);
    expect(run(migrateMain, dir, ['--write']).code).toBe(0);
    expect(readFileSync(path.join(dir, 'src/search.ts'), 'utf8')).toContain('return all([');
    expect(readFileSync(path.join(dir, 'src/legacy/save.ts'), 'utf8')).toContain('s.spawn(');
  });

  it('exits 2 on a configuration it cannot use, naming the file and the problem', () => {
    const dir = checkProject({ ...files, 'taskscope.config.json': JSON.stringify({ rules: { 'taskscope/no-orphaned-fan-out': ['warn', { allowed: [] }] } }) });
    for (const [main, args] of [[taskscopeMain, ['check']], [migrateMain, []]] as const) {
      const { code, stderr } = run(main, dir, [...args]);
      expect(code).toBe(2);
      expect(stderr).toContain(`${path.join(dir, 'taskscope.config.json')}: rules: taskscope/no-orphaned-fan-out: unknown option "allowed"`);
    }
  });
});
