// The README's rules table is generated from the rules' meta and the configs;
// this fails when someone changes one without regenerating the other.
import { existsSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { END, README, START, rulesTable, tableIn } from '../scripts/rules-table.mjs';
import taskscope from '../src/index.js';

const regenerate = 'run `pnpm build && node packages/eslint-plugin/scripts/rules-table.mjs --write`';

describe('README.md rules table', () => {
  it('is up to date with the rules and configs', () => {
    const readme = existsSync(README) ? readFileSync(README, 'utf8') : '';
    const current = tableIn(readme);
    expect(current, `README.md needs a rules table between ${START} and ${END}; ${regenerate}`).toBeDefined();
    expect(current, `README.md's rules table is stale: ${regenerate}`).toBe(rulesTable(taskscope));
  });

  it('has a row per rule, linking its docs', () => {
    const rows = rulesTable(taskscope).split('\n').filter((line) => line.startsWith('| [`'));
    expect(rows.map((row) => /\[`([\w-]+)`\]\(packages\/eslint-plugin\/docs\/rules\/\1\.md\)/.exec(row)?.[1])).toEqual(
      Object.keys(taskscope.rules),
    );
  });
});
