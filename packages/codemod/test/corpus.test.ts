// The codemod's invariant on the generated benchmark corpus (bench/gen-corpus.mjs,
// a smaller sample): after `--write`, the project still typechecks, the lint
// (recommended, typed) reports nothing outside a review marker, and a second
// run has nothing left to do.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

import { runMigration, transforms } from '../src/index.js';
import { lint } from './lint-findings.js';

/** bench/gen-corpus.mjs, plain JavaScript loaded at run time. */
interface CorpusModule {
  generateCorpus(dir: string, options: { files: number; seed: number }): unknown;
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'taskscope-corpus-'));
const snapshotFile = fileURLToPath(new URL('./corpus.snapshot.json', import.meta.url));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function typeErrors(): string[] {
  const configPath = path.join(dir, 'tsconfig.json');
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const { fileNames, options } = ts.parseJsonConfigFileContent(config, ts.sys, dir, undefined, configPath);
  const program = ts.createProgram(fileNames, options);
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('on a generated corpus', () => {
  it('leaves code that typechecks, with lint findings only at review markers, and nothing for a second run', async () => {
    const corpus = (await import(pathToFileURL(path.join(repoRoot, 'bench/gen-corpus.mjs')).href)) as CorpusModule;
    corpus.generateCorpus(dir, { files: 120, seed: 7 });
    expect(typeErrors()).toEqual([]);

    const first = runMigration({ cwd: dir, write: true, transforms });
    expect(first.summary.error).toBe(0);
    // What the migration wrote, kept as a digest: a refactoring leaves it as it is.
    const written = first.files.filter((f) => f.status === 'ok').map((f) => `${f.path}\n${readFileSync(path.join(dir, f.path), 'utf8')}`);
    const digest = createHash('sha256').update(written.sort().join('\0')).digest('hex');
    if (process.env.TASKSCOPE_UPDATE_SNAPSHOTS === '1') writeFileSync(snapshotFile, `${JSON.stringify({ files: written.length, digest }, null, 1)}\n`);
    expect({ files: written.length, digest }).toEqual(JSON.parse(readFileSync(snapshotFile, 'utf8')));
    expect(first.summary.ok).toBeGreaterThan(10);
    expect(first.deferred).toBe(0);
    expect(typeErrors()).toEqual([]);

    const findings = await lint(dir);
    expect(findings.filter((f) => f.marked).length).toBeGreaterThan(0);
    expect(findings.filter((f) => !f.marked).map((f) => f.where)).toEqual([]);

    const second = runMigration({ cwd: dir, write: true, transforms });
    expect(second.summary.ok).toBe(0);
  }, 240_000);
});
