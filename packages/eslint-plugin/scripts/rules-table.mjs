#!/usr/bin/env node
// The README's rules table, generated from the rules' meta and the configs so it
// cannot drift (test/readme.test.ts compares it).
//
//   node packages/eslint-plugin/scripts/rules-table.mjs           check README.md (exit 1 when stale)
//   node packages/eslint-plugin/scripts/rules-table.mjs --write   rewrite the table in README.md
//
// The CLI reads the built plugin (packages/eslint-plugin/dist): run `pnpm build` first.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const START = '<!-- rules-table:start -->';
export const END = '<!-- rules-table:end -->';
export const README = join(import.meta.dirname, '../../../README.md');

const DOCS = 'packages/eslint-plugin/docs/rules';

/** The Markdown table for `plugin`: one row per rule, in the plugin's order. */
export function rulesTable(plugin) {
  const recommended = plugin.configs.recommended.rules ?? {};
  const strict = plugin.configs.strict.rules ?? {};
  const rows = Object.entries(plugin.rules).map(([id, rule]) => {
    const key = `taskscope/${id}`;
    const docs = rule.meta?.docs ?? {};
    return [
      `[\`${id}\`](${DOCS}/${id}.md)`,
      (docs.description ?? '').replaceAll('|', '\\|'),
      key in recommended ? '✅' : '',
      key in strict ? `✅${optionsNote(strict[key])}` : '',
      docs.requiresTypeChecking ? '💭' : '',
      rule.meta?.hasSuggestions ? '💡' : '',
    ];
  });
  return [
    '| Rule | Description | Recommended | Strict | Typed | Suggestions |',
    '| --- | --- | :-: | :-: | :-: | :-: |',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
    '',
    '✅ in the preset · 💭 uses type information when `parserOptions.projectService` is set (every rule also runs without it, more narrowly) · 💡 offers suggestions',
  ].join('\n');
}

/** ` (checkHandled: true)` for a config entry with options, '' for a bare severity. */
function optionsNote(entry) {
  if (!Array.isArray(entry) || entry.length < 2) return '';
  const options = entry.slice(1).flatMap((option) => Object.entries(option ?? {}));
  return options.length ? ` (${options.map(([name, value]) => `\`${name}: ${JSON.stringify(value)}\``).join(', ')})` : '';
}

/** The table currently between the markers, or undefined when the markers are missing. */
export function tableIn(readme) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END, start);
  return start === -1 || end === -1 ? undefined : readme.slice(start + START.length, end).trim();
}

/** `readme` with `table` between the markers. */
export function withTable(readme, table) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END, start);
  if (start === -1 || end === -1) throw new Error(`README.md needs the markers ${START} and ${END}`);
  return `${readme.slice(0, start + START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const plugin = (await import(pathToFileURL(join(import.meta.dirname, '../dist/index.js')).href)).default;
  const readme = readFileSync(README, 'utf8');
  const table = rulesTable(plugin);
  if (process.argv.includes('--write')) {
    writeFileSync(README, withTable(readme, table));
  } else if (tableIn(readme) !== table) {
    console.error('README.md: the rules table is stale. Run `node packages/eslint-plugin/scripts/rules-table.mjs --write`.');
    process.exitCode = 1;
  }
}
