import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

import { runMigration, transforms } from '../src/index.js';
import { tempProject } from './temp-project.js';

// The project's own Prettier, as a user's install would place it.
const prettierDir = path.dirname(createRequire(import.meta.url).resolve('prettier/package.json'));

const fanOut = (name: string) =>
  [
    'declare function load(id: string, s?: AbortSignal): Promise<string>;',
    '',
    `export async function ${name}(a: string, b: string) {`,
    '  return Promise.all([load(a), load(b)]);',
    '}',
    '',
  ].join('\n');

describe('the project\'s Prettier formats what the migration wrote', () => {
  it('formats a file that was Prettier-clean with the project\'s config, and leaves the others as they were', async () => {
    const config = { printWidth: 70, arrowParens: 'avoid' as const, singleQuote: true };
    const clean = fanOut('loadClean');
    expect(await prettier.check(clean, { ...config, parser: 'typescript' })).toBe(true);
    const unformatted = fanOut('loadMessy').replace('  return', '      return');
    const dir = tempProject({
      'package.json': JSON.stringify({ name: 'p', private: true }),
      '.prettierrc': JSON.stringify(config),
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', lib: ['es2023', 'dom'] }, include: ['src'] }),
      'src/clean.ts': clean,
      'src/messy.ts': unformatted,
    });
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(prettierDir, path.join(dir, 'node_modules', 'prettier'), 'dir');

    const report = runMigration({ cwd: dir, write: true, transforms });
    expect(report.summary.ok).toBe(2);

    const cleanAfter = readFileSync(path.join(dir, 'src/clean.ts'), 'utf8');
    expect(cleanAfter).toContain('all(');
    // The project's options, not ours: 70 columns, `signal =>` without parentheses.
    expect(await prettier.check(cleanAfter, { ...config, parser: 'typescript' })).toBe(true);
    expect(cleanAfter).toContain('signal => load(a, signal)');

    const messyAfter = readFileSync(path.join(dir, 'src/messy.ts'), 'utf8');
    expect(messyAfter).toContain('      return all(');
    expect(await prettier.check(messyAfter, { ...config, parser: 'typescript' })).toBe(false);
  });
});
