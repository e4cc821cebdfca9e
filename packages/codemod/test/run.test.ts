import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Detector } from '@taskscope/core';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { runMigration, transforms } from '../src/index.js';
import { probeTransforms, transform } from './probes.js';
import { tempProject } from './temp-project.js';

const files = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', lib: ['es2023'] }, include: ['src', 'gen'], exclude: ['src/excluded'] }),
  '.gitignore': 'gen/\n',
  'src/a.ts': "// header\nexport async function f() {\n  return Promise.all([Promise.resolve(1), Promise.resolve('x')]);\n}\n",
  'src/clean.ts': 'export const x = 1;\n',
  'src/bad.ts': 'export const = ;\nPromise.all([]);\n',
  'src/types.d.ts': 'declare const y: number;\n',
  'src/excluded/e.ts': 'Promise.all([]);\n',
  'gen/generated.ts': 'Promise.all([]);\n',
};

function run(dir: string, extra: Partial<Parameters<typeof runMigration>[0]> = {}) {
  return runMigration({ cwd: dir, gitRoot: dir, write: false, transforms: probeTransforms, ...extra });
}

describe('runMigration', () => {
  it('reports each file of the tsconfig with its status, and writes nothing in a dry run', () => {
    const dir = tempProject(files, { git: true });
    const diffs: string[] = [];
    const report = run(dir, { onFile: (_, diff) => diff && diffs.push(diff) });
    const status = Object.fromEntries(report.files.map((f) => [f.path, [f.status, f.message]]));
    expect(status).toEqual({
      [path.join('src', 'a.ts')]: ['ok', undefined],
      [path.join('src', 'clean.ts')]: ['unmodified', undefined],
      [path.join('src', 'bad.ts')]: ['error', 'does not parse: 1:14 Variable declaration expected.'],
      [path.join('src', 'types.d.ts')]: ['skipped', 'declaration file'],
      [path.join('src', 'excluded', 'e.ts')]: ['skipped', 'not included by tsconfig.json'],
      [path.join('gen', 'generated.ts')]: ['skipped', 'ignored by .gitignore'],
    });
    expect(report.summary).toEqual({ ok: 1, unmodified: 1, skipped: 3, error: 1 });
    expect(report.counts).toEqual({ 'promise-all': { rewritten: 1, marked: 0 } });
    expect(diffs).toHaveLength(1);
    expect(diffs[0]).toContain('--- a/src/a.ts\n+++ b/src/a.ts\n');
    expect(diffs[0]).toContain("+import { all } from 'taskscope';\n");
    expect(diffs[0]).toContain("-  return Promise.all([Promise.resolve(1), Promise.resolve('x')]);\n+  return all(");
    expect(readFileSync(path.join(dir, 'src/a.ts'), 'utf8')).toBe(files['src/a.ts']);
  });

  it('writes changed files with --write, leaves failing ones untouched and leaves no temp file', () => {
    const dir = tempProject(files, { git: true });
    const report = run(dir, { write: true });
    expect(report.summary.ok).toBe(1);
    expect(readFileSync(path.join(dir, 'src/a.ts'), 'utf8')).toBe(
      "// header\nimport { all } from 'taskscope';\n\nexport async function f() {\n  return all([Promise.resolve(1), Promise.resolve('x')]);\n}\n",
    );
    expect(readFileSync(path.join(dir, 'src/bad.ts'), 'utf8')).toBe(files['src/bad.ts']);
    expect(readdirSync(path.join(dir, 'src')).sort()).toEqual(['a.ts', 'bad.ts', 'clean.ts', 'excluded', 'types.d.ts']);
    // A second run finds nothing left to do.
    expect(run(dir, { write: true }).summary.ok).toBe(0);
  });

  it('gives a file whose fixes overlapped another round, against a new program', () => {
    const dir = tempProject({ ...files, 'src/nested.ts': 'declare function wrap(x: unknown): unknown;\nwrap(wrap(1));\n' });
    const report = run(dir, { write: true, paths: ['src/nested.ts'] });
    expect(report.files[0]).toMatchObject({ status: 'ok', counts: { 'promise-all': { rewritten: 2, marked: 0 } }, deferred: 0 });
    expect(readFileSync(path.join(dir, 'src/nested.ts'), 'utf8')).toBe('declare function wrap(x: unknown): unknown;\ndone(done(1));\n');
  });

  it('restricts the run to the given paths and warns about paths that match nothing', () => {
    const dir = tempProject(files);
    const report = run(dir, { paths: ['src/clean.ts', 'src/excluded', 'nowhere'] });
    expect(report.files.map((f) => [f.path, f.status])).toEqual([
      [path.join('src', 'excluded', 'e.ts'), 'skipped'],
      [path.join('src', 'clean.ts'), 'unmodified'],
    ]);
    expect(report.unmatched).toEqual(['nowhere']);
  });

  it('gives each file the nearest tsconfig that includes it, as the project service does', () => {
    const dir = tempProject({
      'tsconfig.json': JSON.stringify({ include: ['*.config.ts'] }),
      'packages/a/tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, include: ['src'] }),
      'packages/a/src/main.ts': 'Promise.all([]);\n',
      'packages/b/tsconfig.json': JSON.stringify({ extends: '@missing/base/tsconfig.json', include: ['src'] }),
      'packages/b/src/util.ts': 'export {};\n',
      'scripts/loose.ts': 'Promise.all([]);\n',
    });
    const seen: string[] = [];
    const report = run(dir, { onStart: (_, configs) => seen.push(...configs) });
    expect(report.files.map((f) => [f.path, f.status, f.message])).toEqual([
      [path.join('scripts', 'loose.ts'), 'skipped', 'not included by tsconfig.json'],
      [path.join('packages', 'a', 'src', 'main.ts'), 'ok', undefined],
      [path.join('packages', 'b', 'src', 'util.ts'), 'unmodified', undefined],
    ]);
    // A base that isn't installed is left out, as the compiler would.
    expect(seen).toEqual([path.join('packages', 'a', 'tsconfig.json'), path.join('packages', 'b', 'tsconfig.json')]);
  });

  it('reads .gitignore only inside a git work tree', () => {
    const dir = tempProject(files);
    const report = runMigration({ cwd: dir, write: false, transforms: probeTransforms });
    expect(report.files.find((f) => f.path === path.join('gen', 'generated.ts'))?.status).toBe('ok');
  });

  it('gives detectors a checker that knows the files being walked', () => {
    const seen: string[] = [];
    const typeProbe: Detector = {
      rule: 'no-orphaned-fan-out',
      kinds: ['ReturnStatement'],
      messages: {},
      defaultOptions: {},
      check(node, { checker }) {
        const expression = (node as ts.ReturnStatement).expression;
        if (checker && expression) seen.push(checker.typeToString(checker.getTypeAtLocation(expression)));
        return [];
      },
    };
    const dir = tempProject(files);
    runMigration({ cwd: dir, write: false, paths: ['src/a.ts'], transforms: [transform('promise-all', [], [typeProbe])] });
    expect(seen).toEqual(['Promise<[number, string]>']);
  });

  it('loads the projects a solution tsconfig references', () => {
    const dir = tempProject({
      'tsconfig.json': JSON.stringify({ files: [], references: [{ path: 'app' }, { path: 'lib' }] }),
      'app/tsconfig.json': JSON.stringify({ compilerOptions: { composite: true }, include: ['*.ts'] }),
      'app/main.ts': 'Promise.all([]);\n',
      'lib/tsconfig.json': JSON.stringify({ compilerOptions: { composite: true }, include: ['*.ts'] }),
      'lib/util.ts': 'export {};\n',
    });
    const report = run(dir);
    expect(report.files.map((f) => [f.path, f.status])).toEqual([
      [path.join('app', 'main.ts'), 'ok'],
      [path.join('lib', 'util.ts'), 'unmodified'],
    ]);
  });

  it('falls back to the TypeScript files under cwd without a tsconfig', () => {
    const dir = tempProject({ 'a.ts': 'Promise.all([]);\n', 'node_modules/dep/index.ts': 'Promise.all([]);\n' });
    expect(run(dir).files.map((f) => f.path)).toEqual(['a.ts']);
  });

  it('reports a file that changed on disk during the run instead of overwriting it', () => {
    // `src/0.ts` is reported first; by then `src/a.ts` has been read and analysed as it was.
    const dir = tempProject({ ...files, 'src/0.ts': 'export {};\n' });
    const report = run(dir, {
      write: true,
      paths: ['src/0.ts', 'src/a.ts'],
      onFile: (file) => file.path.endsWith('0.ts') && writeFileSync(path.join(dir, 'src/a.ts'), 'edited meanwhile\n'),
    });
    expect(report.files[1]).toMatchObject({ status: 'error', message: 'changed on disk during the run; left untouched' });
    expect(readFileSync(path.join(dir, 'src/a.ts'), 'utf8')).toBe('edited meanwhile\n');
  });

  it('leaves out signal parameters nothing reads in a project with noUnusedParameters, so it still typechecks', () => {
    const runtime = fileURLToPath(new URL('../../runtime/src/index.ts', import.meta.url));
    const compilerOptions = { strict: true, noUnusedParameters: true, target: 'es2022', lib: ['es2023', 'dom'], noEmit: true, paths: { taskscope: [runtime] } };
    const dir = tempProject({
      'tsconfig.json': JSON.stringify({ compilerOptions, include: ['src'] }),
      'src/a.ts': [
        'declare function load(id: string, signal?: AbortSignal): Promise<string>;',
        'declare function count(id: string): Promise<number>;',
        'export async function f(ids: string[]) {',
        "  const [a, b] = await Promise.all([load('a'), count('b')]);",
        '  const indexed = await Promise.all(ids.map((id, i) => count(id + i)));',
        '  const counted = await Promise.all(ids.map(count));',
        "  const first = await Promise.race([count('x'), count('y')]);",
        '  return [a, b, indexed, counted, first];',
        '}',
        '',
      ].join('\n'),
    });
    expect(runMigration({ cwd: dir, write: true, transforms }).summary.ok).toBe(1);
    const file = path.join(dir, 'src/a.ts');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain("await all([(signal) => load('a', signal), () => count('b')]);");
    expect(text).toContain('await map(ids, (id, _signal, i) => count(id + i));');
    expect(text).toContain('await map(ids, (item) => count(item));');
    expect(text).toContain("await race([() => count('x'), () => count('y')]);");

    const { options } = ts.convertCompilerOptionsFromJson(compilerOptions, dir);
    const program = ts.createProgram([file], options);
    const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(file));
    expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });
});
