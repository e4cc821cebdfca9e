import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Detector } from '@taskscope/core';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { runMigration, summaryText, transforms } from '../src/index.js';
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

const fanOut = [
  'declare function embed(id: string, signal?: AbortSignal): Promise<string>;',
  '',
  'export async function loadPair(a: string, b: string) {',
  '  return Promise.all([embed(a), embed(b)]);',
  '}',
  '',
].join('\n');

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
        'declare function embed(id: string, signal?: AbortSignal): Promise<string>;',
        'declare function count(id: string): Promise<number>;',
        'declare function store(id: string, at: number, signal?: AbortSignal): Promise<void>;',
        'export async function f(ids: string[]) {',
        "  const [a, b] = await Promise.all([embed('a'), count('b')]);",
        '  ids.forEach(async (id, i) => {',
        '    await store(id, i);',
        '  });',
        '  return [a, b];',
        '}',
        '',
      ].join('\n'),
    });
    expect(runMigration({ cwd: dir, write: true, transforms }).summary.ok).toBe(1);
    const file = path.join(dir, 'src/a.ts');
    const text = readFileSync(file, 'utf8');
    // A fan-out where one task's work takes the signal: the others' thunks declare none.
    expect(text).toContain("await all([(signal) => embed('a', signal), () => count('b')]);");
    // map's callback takes the signal before the index, which keeps its place.
    expect(text).toContain('await map(ids, async (id, signal, i) => {\n    await store(id, i, signal);');

    const { options } = ts.convertCompilerOptionsFromJson(compilerOptions, dir);
    const program = ts.createProgram([file], options);
    const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(file));
    expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });

  it('leaves test files out with skipTests (the CLI default), and migrates them without it', () => {
    const forEach = [
      'declare function save(id: string, signal?: AbortSignal): Promise<void>;',
      'export async function saveAll(ids: string[]) {',
      '  ids.forEach(async (id) => {',
      '    await save(id);',
      '  });',
      '}',
      '',
    ].join('\n');
    const dir = tempProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', lib: ['es2023', 'dom'] }, include: ['src', 'test'] }),
      'src/save.ts': forEach,
      'src/save.test.ts': forEach,
      'src/save.spec.ts': forEach,
      'src/__tests__/helpers.ts': forEach,
      'test/setup.ts': forEach,
    });
    const reason = 'test file (--include-tests migrates it)';
    const skipping = runMigration({ cwd: dir, write: false, transforms, skipTests: true });
    expect(Object.fromEntries(skipping.files.map((f) => [f.path, [f.status, f.message]]))).toEqual({
      [path.join('src', 'save.ts')]: ['ok', undefined],
      [path.join('src', 'save.test.ts')]: ['skipped', reason],
      [path.join('src', 'save.spec.ts')]: ['skipped', reason],
      [path.join('src', '__tests__', 'helpers.ts')]: ['skipped', reason],
      [path.join('test', 'setup.ts')]: ['skipped', reason],
    });
    const including = runMigration({ cwd: dir, write: false, transforms });
    expect(including.files.map((f) => f.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('records each rewrite of a file with its line and whether a task signal reaches the work', () => {
    const dir = tempProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', lib: ['es2023', 'dom'] }, include: ['src'] }),
      'src/load.ts': fanOut,
      // With --concurrency, a fan-out of open size is limited even when its work takes no signal: a rewrite that cancels nothing.
      'src/upload.ts': [
        'declare function upload(id: string): Promise<void>;',
        'export async function uploadAll(ids: string[]) {',
        '  const results = await Promise.allSettled(ids.map((id) => upload(id)));',
        "  return results.filter((r) => r.status === 'rejected').length;",
        '}',
        '',
      ].join('\n'),
      // Iterations whose work takes no signal: a marker, no rewrite.
      'src/archive.ts': [
        'declare function archive(id: string): Promise<void>;',
        'export async function archiveAll(ids: string[]) {',
        '  ids.forEach(async (id) => {',
        '    await archive(id);',
        '  });',
        '}',
        '',
      ].join('\n'),
    });
    const report = runMigration({ cwd: dir, write: false, transforms, concurrency: 4 });
    const rewrites = Object.fromEntries(report.files.map((f) => [f.path, f.rewrites]));
    expect(rewrites).toEqual({
      [path.join('src', 'archive.ts')]: [],
      [path.join('src', 'load.ts')]: [{ transform: 'promise-all', line: 4, delivers: true }],
      [path.join('src', 'upload.ts')]: [{ transform: 'all-settled', line: 3, delivers: false }],
    });
    expect(report.counts['async-foreach']).toEqual({ rewritten: 0, marked: 1 });
    expect(summaryText(report)).toContain("  cancels:  1 of 2 rewrites reach work they cancel (a task's signal, a reader's cancel)\n");
  });

  it('notes a package.json that lacks taskscope when migrated code imports it, and adds it with --write', () => {
    const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    const manifest = '{\n    "name": "app",\n    "dependencies": {\n        "zod": "^3.0.0"\n    }\n}\n';
    const dir = tempProject({
      'package.json': manifest,
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', lib: ['es2023', 'dom'] }, include: ['src', 'lib/src'] }),
      'src/load.ts': fanOut,
      // A package that has it (as a dev dependency) is not named.
      'lib/package.json': JSON.stringify({ name: 'lib', devDependencies: { taskscope: '*' } }),
      'lib/src/load.ts': fanOut,
    });
    const dry = runMigration({ cwd: dir, write: false, transforms });
    expect(dry.dependencies).toEqual([{ packageJson: 'package.json', added: false }]);
    expect(summaryText(dry)).toContain('  note: the migrated code imports taskscope, which package.json does not depend on (--write adds it)\n');
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(manifest);

    const written = runMigration({ cwd: dir, write: true, transforms });
    expect(written.dependencies).toEqual([{ packageJson: 'package.json', added: true }]);
    expect(summaryText(written)).toContain('  added taskscope to the dependencies of package.json');
    // The file's indentation and key order stay; the runtime's version is the codemod's own.
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(
      `{\n    "name": "app",\n    "dependencies": {\n        "zod": "^3.0.0",\n        "taskscope": "^${version}"\n    }\n}\n`,
    );
    // Code that imported taskscope already needs nothing new: a second run names no package.
    expect(runMigration({ cwd: dir, write: false, transforms }).dependencies).toEqual([]);
  });
});
