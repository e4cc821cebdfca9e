import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { transforms } from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it.each(transforms.map((t) => [t.id, t] as const))('has the row of transform %s, as the code describes it', (_, t) => {
    const row = `| \`${t.id}\` | ${t.rules.join(', ')} | ${t.description} | \`${t.example.before}\` | \`${t.example.after}\` |`;
    expect(readme).toContain(row);
  });
});
