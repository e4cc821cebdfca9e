import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

import { runMigration, transforms } from '../src/index.js';
import { changedRanges } from '../src/prettier.js';
import { tempProject } from './temp-project.js';

// The project's own Prettier, as a user's install would place it.
const prettierDir = path.dirname(createRequire(import.meta.url).resolve('prettier/package.json'));

const fanOut = (name: string) =>
  [
    'declare function embed(id: string, s?: AbortSignal): Promise<string>;',
    '',
    `export async function ${name}(a: string, b: string) {`,
    '  return Promise.all([embed(a), embed(b)]);',
    '}',
    '',
  ].join('\n');

describe('changedRanges', () => {
  it('gives the lines the new text adds, as offsets in it', () => {
    const original = 'a\nb\nc\nd\n';
    const text = 'a\nB\nc\nd\ne\n';
    expect(changedRanges(original, text).map(([start, end]) => text.slice(start, end))).toEqual(['B\n', 'e\n']);
    expect(changedRanges(original, 'a\nc\nd\n')).toEqual([]);
  });
});

describe('the project\'s Prettier formats what the migration wrote', () => {
  it('formats a file that was Prettier-clean with the project\'s config, and only the changed lines of the others', async () => {
    const config = { printWidth: 70, arrowParens: 'avoid' as const, singleQuote: true };
    const clean = fanOut('loadClean');
    expect(await prettier.check(clean, { ...config, parser: 'typescript' })).toBe(true);
    const unformatted = `${fanOut('loadMessy').replace('  return', '      return')}export const   untouched = [1,2];\n`;
    const dir = tempProject({
      'package.json': JSON.stringify({ name: 'p', private: true }),
      '.prettierrc': JSON.stringify(config),
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', lib: ['es2023', 'dom'] }, include: ['src'] }),
      'src/clean.ts': clean,
      'src/messy.ts': unformatted,
      'src/crlf.ts': unformatted.replaceAll('loadMessy', 'loadCrlf').replaceAll('\n', '\r\n'),
    });
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(prettierDir, path.join(dir, 'node_modules', 'prettier'), 'dir');

    const report = runMigration({ cwd: dir, write: true, transforms });
    expect(report.summary.ok).toBe(3);

    const cleanAfter = readFileSync(path.join(dir, 'src/clean.ts'), 'utf8');
    expect(cleanAfter).toContain('all(');
    // The project's options, not ours: 70 columns, `signal =>` without parentheses.
    expect(await prettier.check(cleanAfter, { ...config, parser: 'typescript' })).toBe(true);
    expect(cleanAfter).toContain('signal => embed(a, signal)');

    // The changed statement is formatted as the project wants (from the indentation its line has,
    // as Prettier formats a range); the line the migration did not touch stays.
    const messyAfter = readFileSync(path.join(dir, 'src/messy.ts'), 'utf8');
    expect(messyAfter).toContain('\n      return all([\n        signal => embed(a, signal),\n        signal => embed(b, signal),\n      ]);\n');
    expect(messyAfter).toContain('\nexport const   untouched = [1,2];\n');
    expect(await prettier.check(messyAfter, { ...config, parser: 'typescript' })).toBe(false);
    // A file with CRLF line endings keeps them, though Prettier formats a range with LF.
    const crlfAfter = readFileSync(path.join(dir, 'src/crlf.ts'), 'utf8');
    expect(crlfAfter.replaceAll('\r\n', '\n').replaceAll('loadCrlf', 'loadMessy')).toBe(messyAfter);
    expect(crlfAfter.split('\n').slice(0, -1).every((line) => line.endsWith('\r'))).toBe(true);
  });
});
