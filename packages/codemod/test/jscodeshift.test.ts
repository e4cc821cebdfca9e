import { createRequire } from 'node:module';

import type { API, FileInfo } from 'jscodeshift';
import { describe, expect, it } from 'vitest';

import * as entry from '../src/jscodeshift.js';

const { applyTransform } = createRequire(import.meta.url)('jscodeshift/dist/testUtils') as {
  applyTransform(module: object, options: object | null, input: FileInfo): string;
};

const transform = entry.default;
const input = [
  "import { log } from './log';",
  '',
  'declare function summarize(text: string, signal?: AbortSignal): Promise<string>;',
  '',
  'export async function profile(id: string) {',
  '  // both requests start together',
  "  const [user, bio] = await Promise.all([fetch('/users/' + id), summarize(id)]);",
  '  return { user, bio };',
  '}',
  '',
].join('\n');
const output = [
  "import { log } from './log';",
  "import { all } from 'taskscope';",
  '',
  'declare function summarize(text: string, signal?: AbortSignal): Promise<string>;',
  '',
  'export async function profile(id: string) {',
  '  // both requests start together',
  '  const [user, bio] = await all([',
  "    (signal) => fetch('/users/' + id, { signal }),",
  '    (signal) => summarize(id, signal),',
  '  ]);',
  '  return { user, bio };',
  '}',
  '',
].join('\n');

function api(): API & { counted: Record<string, number> } {
  const counted: Record<string, number> = {};
  return { stats: (name: string, n = 1) => void (counted[name] = (counted[name] ?? 0) + n), counted } as unknown as API & {
    counted: Record<string, number>;
  };
}

describe('jscodeshift entry', () => {
  it('declares the tsx parser', () => {
    expect(entry.parser).toBe('tsx');
  });

  it('returns the engine rewrite in syntactic mode and reports stats per transform', () => {
    const stats = api();
    expect(transform({ path: 'src/load.ts', source: input }, stats, {})).toBe(output);
    expect(stats.counted).toEqual({ 'promise-all': 1 });
  });

  it('returns the source unchanged when there is nothing to do', () => {
    const source = 'export const answer = 42;\n';
    expect(transform({ path: 'a.ts', source }, api(), {})).toBe(source);
  });

  it('honours --transforms and rejects unknown ids', () => {
    expect(transform({ path: 'src/load.ts', source: input }, api(), { transforms: 'race,signal' })).toBe(input);
    expect(() => transform({ path: 'a.ts', source: '' }, api(), { transforms: 'nope' })).toThrow(/unknown transform "nope"/);
  });

  it('throws on a file that does not parse, so jscodeshift reports it and leaves it alone', () => {
    expect(() => transform({ path: 'a.ts', source: 'const = ;' }, api(), {})).toThrow(/does not parse/);
  });

  it("runs under jscodeshift's own test harness", () => {
    // applyTransform trims the output.
    expect(applyTransform(entry, {}, { path: 'src/load.tsx', source: input })).toBe(output.trim());
  });
});
