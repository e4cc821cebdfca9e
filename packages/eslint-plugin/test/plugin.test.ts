// The plugin's shape: rule ids, meta and docs for each rule, the two presets, and
// that the presets work as ESLint 10 flat config, typed and untyped.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import taskscope from '../src/index.js';
import { rules } from '../src/rules/index.js';
import { plugin, temporaryProject, tsParser } from './eslint-api.js';

/** The rule ids are a contract (issue 3): configs, docs and users name them. */
const RECOMMENDED = [
  'no-floating-promises',
  'no-orphaned-fan-out',
  'no-uncancelled-race',
  'no-uncancelled-reader',
  'no-async-iteration-callback',
  'require-signal-propagation',
];
// In the plugin's order: no-unchecked-settled sits beside the fan-out rules, though only strict turns it on.
const ALL = ['no-floating-promises', 'no-orphaned-fan-out', 'no-unchecked-settled', ...RECOMMENDED.slice(2), 'no-unbounded-fan-out'];

const docsDir = fileURLToPath(new URL('../docs/rules/', import.meta.url));
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

describe('plugin', () => {
  it('exports exactly the eight rules', () => {
    expect(Object.keys(taskscope.rules)).toEqual(ALL);
  });

  it('names itself after its package', () => {
    expect(taskscope.meta).toEqual({ name: packageJson.name, version: packageJson.version });
  });
});

describe.each(ALL)('rule %s', (id) => {
  // The rules as written (typescript-eslint's types, with their docs meta); the plugin object is the same.
  const rule = rules[id as keyof typeof rules];
  const { meta } = rule;
  const info = meta.docs;
  const docsPath = join(docsDir, `${id}.md`);
  const docs = existsSync(docsPath) ? readFileSync(docsPath, 'utf8') : '';

  it('is what the plugin exports under its id', () => {
    expect(taskscope.rules[id as keyof typeof rules]).toBe(rule);
  });

  it('has meta: type, description, docs url, schema, messages', () => {
    expect(['problem', 'suggestion']).toContain(meta.type);
    expect(info?.description).toMatch(/^[A-Z].{20,}[^.]$/);
    expect(info?.url).toBe(`https://github.com/taskscope/taskscope/blob/main/packages/eslint-plugin/docs/rules/${id}.md`);
    expect(meta.schema).toBeDefined();
    expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
    for (const text of Object.values(meta.messages)) expect(text.trim()).not.toBe('');
  });

  it('is in the presets its meta claims', () => {
    expect(info?.recommended).toBe(RECOMMENDED.includes(id) ? 'recommended' : 'strict');
    expect(`taskscope/${id}` in (plugin.configs.recommended.rules ?? {})).toBe(RECOMMENDED.includes(id));
    expect(`taskscope/${id}` in (plugin.configs.strict.rules ?? {})).toBe(true);
  });

  it('has a docs page with examples and "When not to use it"', () => {
    expect(docs, `missing ${docsPath}`).not.toBe('');
    expect(docs).toMatch(new RegExp(`^# taskscope/${id}\\n`));
    expect(docs).toContain('❌');
    expect(docs).toContain('✅');
    expect(docs).toMatch(/^```(ts|js|tsx)$/m);
    expect(docs).toMatch(/^## Options$/m);
    expect(docs).toMatch(/^## When not to use it$/m);
  });

  it("has docs badges that agree with its meta", () => {
    const badges = docs.split('\n').find((line) => line.includes('`strict`')) ?? '';
    expect(badges.includes('`recommended`')).toBe(info?.recommended === 'recommended');
    expect(badges.includes('has suggestions')).toBe(meta.hasSuggestions === true);
    expect(badges.includes('uses type information')).toBe(info?.requiresTypeChecking);
  });
});

describe('presets', () => {
  it('recommended turns on all but no-unbounded-fan-out and no-unchecked-settled, and strict all eight', () => {
    expect(Object.keys(plugin.configs.recommended.rules ?? {})).toEqual(RECOMMENDED.map((id) => `taskscope/${id}`));
    expect(Object.keys(plugin.configs.strict.rules ?? {}).sort()).toEqual(ALL.map((id) => `taskscope/${id}`).sort());
    expect(plugin.configs.recommended.name).toBe('taskscope/recommended');
    expect(plugin.configs.strict.name).toBe('taskscope/strict');
  });

  let project: ReturnType<typeof temporaryProject>;
  // One finding per rule: an orphaned fan-out over an unbounded map, checked settled results over an unbounded one,
  // unchecked settled
  // results, a race nobody cancels, an async forEach, a dropped signal, a floating call, a reader nobody cancels.
  const snippet = [
    'export async function sync(ids: string[], signal: AbortSignal): Promise<void> {',
    '  await Promise.all(ids.map((id) => fetch(`/items/${id}`)));',
    "  const settled = await Promise.allSettled(ids.map((id) => fetch(`/sync/${id}`, { method: 'POST', signal })));",
    "  if (settled.some((result) => result.status === 'rejected')) throw new Error('sync failed');",
    '  await Promise.allSettled([fetch(\'/a\', { signal }), fetch(\'/b\', { signal })]);',
    '  await Promise.race([fetch(\'/c\', { signal }), new Promise((resolve) => setTimeout(resolve, 10))]);',
    '  ids.forEach(async (id) => {',
    '    await fetch(`/touch/${id}`, { signal });',
    '  });',
    "  fetch('/done', { signal });",
    '}',
    'export async function* stream(url: string) {',
    '  const reader = (await fetch(url)).body!.getReader();',
    '  for (;;) {',
    '    const { done, value } = await reader.read();',
    '    if (done) return;',
    '    yield value;',
    '  }',
    '}',
    '',
  ].join('\n');

  beforeAll(() => {
    project = temporaryProject('plugin');
    writeFileSync(join(project.dir, 'sync.ts'), snippet);
  });
  afterAll(() => project.dispose());

  async function lint(preset: Linter.Config, typed: boolean): Promise<string[]> {
    const eslint = new ESLint({
      cwd: project.dir,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: {
            parser: tsParser,
            parserOptions: typed ? { projectService: true, tsconfigRootDir: project.dir } : {},
          },
        },
        preset,
      ],
    });
    const [result] = await eslint.lintFiles(['sync.ts']);
    expect(result?.messages.filter((message) => message.fatal)).toEqual([]);
    return [...new Set(result?.messages.flatMap((message) => message.ruleId ?? []))].sort();
  }

  it.each([
    ['recommended', RECOMMENDED],
    ['strict', ALL],
  ] as const)('%s works as ESLint 10 flat config, typed and untyped', { timeout: 120_000 }, async (name, ids) => {
    const expected = ids.map((id) => `taskscope/${id}`).sort();
    expect(await lint(plugin.configs[name], true)).toEqual(expected);
    // Without type information every rule still runs; its syntactic fallback sees what this snippet holds.
    expect(await lint(plugin.configs[name], false)).toEqual(expected);
  });

  it('keeps no state across files: linting twice gives the same findings', { timeout: 120_000 }, async () => {
    const eslint = new ESLint({
      cwd: project.dir,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, plugin.configs.strict],
    });
    const first = await eslint.lintText(snippet, { filePath: join(project.dir, 'a.ts') });
    await eslint.lintText('Promise.all([fetch("/x"), fetch("/y")]);', { filePath: join(project.dir, 'b.ts') });
    const again = await eslint.lintText(snippet, { filePath: join(project.dir, 'a.ts') });
    expect(again.map((result) => result.messages)).toEqual(first.map((result) => result.messages));
  });
});
