import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { EXIT, main, transforms } from '../src/index.js';
import { capture, tempProject } from './temp-project.js';

const tsconfig = JSON.stringify({ compilerOptions: { strict: true, target: 'es2022' }, include: ['src'] });

function cli(cwd: string, args: string[], tty = false) {
  const stdout = capture();
  const stderr = Object.assign(capture(), { isTTY: tty, columns: 100 });
  const code = main(args, { cwd, stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('taskscope-migrate CLI', () => {
  it('prints usage with every transform', () => {
    const { code, stdout } = cli(process.cwd(), ['--help']);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/^Usage: taskscope-migrate \[options\] \[paths\.\.\.\]/);
    for (const transform of transforms) expect(stdout).toContain(`  ${transform.id} `);
  });

  it.each([
    [['--transforms', 'promise-all,nope'], 'unknown transform "nope"; expected one of: promise-all, all-settled, race, async-foreach, floating, signal'],
    [['--concurrency', '0'], '--concurrency expects a positive integer'],
    [['--report', 'xml', 'r.xml'], '--report expects a format (json or md) and a file'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['--project', 'missing'], 'no tsconfig at'],
  ])('exits with the usage code on %j', (args, message) => {
    const dir = tempProject({ 'tsconfig.json': tsconfig, 'src/a.ts': 'export {};\n' });
    const { code, stderr } = cli(dir, args);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain(message);
  });

  it('prints the diff of a dry run on stdout, then applies it with --write', () => {
    const source = [
      'declare function transcribe(file: string, signal?: AbortSignal): Promise<string>;',
      '',
      'export async function transcribePair(a: string, b: string) {',
      '  return Promise.all([transcribe(a), transcribe(b)]);',
      '}',
      '',
    ].join('\n');
    const dir = tempProject({ 'tsconfig.json': tsconfig, 'src/upload.ts': source }, { git: true });
    const dry = cli(dir, []);
    expect(dry.code).toBe(EXIT.ok);
    expect(dry.stdout).toContain('--- a/src/upload.ts\n+++ b/src/upload.ts\n');
    expect(dry.stdout).toContain('+  return all([(signal) => transcribe(a, signal), (signal) => transcribe(b, signal)]);\n');
    expect(dry.stderr).toContain('  rewrites: promise-all 1\n');
    expect(dry.stderr).toContain("  cancels:  1 of 1 rewrites reach work they cancel (a task's signal, a reader's cancel)\n");
    expect(readFileSync(path.join(dir, 'src/upload.ts'), 'utf8')).toBe(source);

    const write = cli(dir, ['--write']);
    expect(write.stdout).toBe('');
    expect(write.stderr).toContain(`ok         ${path.join('src', 'upload.ts')} (promise-all 1)\n`);
    expect(readFileSync(path.join(dir, 'src/upload.ts'), 'utf8')).toContain("import { all } from 'taskscope';");
  });

  it('writes the --concurrency limit into the map of a fan-out over a collection of open size', () => {
    const source = [
      'declare function transcribe(file: string, signal?: AbortSignal): Promise<string>;',
      '',
      'export async function uploadAll(files: string[]) {',
      '  return Promise.all(files.map((file) => transcribe(file)));',
      '}',
      '',
    ].join('\n');
    const dir = tempProject({ 'tsconfig.json': tsconfig, 'src/upload.ts': source });
    const dry = cli(dir, ['--concurrency', '4']);
    expect(dry.stdout).toContain('+  return map(files, (file, signal) => transcribe(file, signal), { concurrency: 4 });\n');
  });

  it('leaves test files out unless --include-tests, and says so', () => {
    const source = [
      'declare function save(id: string, signal?: AbortSignal): Promise<void>;',
      'export async function saveAll(ids: string[]) {',
      '  ids.forEach(async (id) => {',
      '    await save(id);',
      '  });',
      '}',
      '',
    ].join('\n');
    const dir = tempProject({ 'tsconfig.json': tsconfig, 'src/save.ts': source, 'src/save.test.ts': source });
    const plain = cli(dir, []);
    expect(plain.stdout).toContain('+++ b/src/save.ts\n');
    expect(plain.stdout).not.toContain('save.test.ts');
    expect(plain.stderr).toContain(`skipped    ${path.join('src', 'save.test.ts')} (test file (--include-tests migrates it))\n`);
    const included = cli(dir, ['--include-tests']);
    expect(included.stdout).toContain('+++ b/src/save.test.ts\n');
    expect(included.stdout).toContain('+  await map(ids, async (id, signal) => {\n');
  });

  it('refuses to write on a dirty git tree unless --allow-dirty', () => {
    const dir = tempProject({ 'tsconfig.json': tsconfig, 'src/a.ts': 'export {};\n' }, { git: true });
    writeFileSync(path.join(dir, 'src/a.ts'), 'export const changed = 1;\n');
    const refused = cli(dir, ['--write']);
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.stderr).toBe(
      'taskscope-migrate: refusing to write: the git tree has uncommitted changes (1 path(s), e.g. src/a.ts).\n' +
        'Commit or stash them first so the migration is one reviewable diff, or pass --allow-dirty.\n',
    );
    expect(cli(dir, ['--write', '--allow-dirty']).code).toBe(EXIT.ok);
    // A dry run never needs a clean tree.
    expect(cli(dir, []).code).toBe(EXIT.ok);
  });

  it('exits non-zero when a file errors, names it, and writes json and markdown reports', () => {
    const dir = tempProject({ 'tsconfig.json': tsconfig, 'src/a.ts': 'export {};\n', 'src/bad.ts': 'let = ;\n' });
    const json = cli(dir, ['--report', 'json', 'report.json']);
    expect(json.code).toBe(EXIT.fileError);
    expect(json.stderr).toContain(`error      ${path.join('src', 'bad.ts')} (does not parse: 1:7 Expression expected.)\n`);
    expect(json.stderr).toContain('  unmodified 1\n');
    expect(json.stderr).toContain(`  error: ${path.join('src', 'bad.ts')}: does not parse`);
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    expect(report.summary).toEqual({ ok: 0, unmodified: 1, skipped: 0, error: 1 });
    expect(report.transforms).toEqual(transforms.map((t) => t.id));
    expect(report.dependencies).toEqual([]);

    cli(dir, ['--report', 'md', 'report.md', '--transforms', 'race']);
    const markdown = readFileSync(path.join(dir, 'report.md'), 'utf8');
    expect(markdown).toContain('| error | 1 |');
    expect(markdown).toContain('| race | 0 | 0 |');
    expect(markdown).toContain(`| \`${path.join('src', 'bad.ts')}\` | error |`);
  });

  it('draws a progress bar on a terminal and plain lines elsewhere', () => {
    const dir = tempProject({ 'tsconfig.json': tsconfig, 'src/a.ts': 'export {};\n' });
    const plain = cli(dir, []);
    expect(plain.stderr).toMatch(/^Migrating 1 files\ntaskscope-migrate: 1 files \(dry run\)\n/);
    const tty = cli(dir, [], true);
    expect(tty.stderr).toContain(`\r\x1b[2K[${'#'.repeat(30)}] 1/1 ${path.join('src', 'a.ts')}`);
  });

  it("lists each file's rewrites in the json report, with whether a task signal reaches the work", () => {
    const source = [
      'declare function transcribe(file: string, signal?: AbortSignal): Promise<string>;',
      'declare function sendEmail(to: string): Promise<void>;',
      'declare function sendSms(to: string): Promise<void>;',
      '',
      'export async function transcribePair(a: string, b: string) {',
      '  return Promise.all([transcribe(a), transcribe(b)]);',
      '}',
      '',
      'export async function notify(to: string) {',
      '  await Promise.all([sendEmail(to), sendSms(to)]);',
      '}',
      '',
    ].join('\n');
    const dir = tempProject({ 'tsconfig.json': tsconfig, 'src/a.ts': source });
    expect(cli(dir, ['--report', 'json', 'report.json']).code).toBe(EXIT.ok);
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    // The fan-out whose work takes no signal is not rewritten: it gets a marker.
    expect(report.files).toMatchObject([{ path: path.join('src', 'a.ts'), status: 'ok', markers: 1, rewrites: [{ transform: 'promise-all', line: 6, delivers: true }] }]);
  });
});
