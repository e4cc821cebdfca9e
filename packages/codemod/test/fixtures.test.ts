// The fixture pairs: __testfixtures__/<transform>/<case>.input.ts(x) and, when the
// transform changes the file, <case>.output.ts(x); a case without an output file
// must come out unchanged. Each case is migrated typed (as the CLI does, with only
// its own transform selected; every transform for __testfixtures__/all), then
// checked for idempotency, a clean parse and a clean typecheck of input and output
// against the runtime's source. A first line `// taskscope-migrate --concurrency N`
// passes that setting. UPDATE_FIXTURES=1 rewrites the expected outputs instead of
// comparing them (review them with `git diff`), except for the cases listed in
// `knownWrong`, whose outputs say what the codemod should write and it does not yet.
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Project } from 'ts-morph';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { MAX_ROUNDS, createMigrator, nextRound, transforms } from '../src/index.js';
import { settingsOf } from './fixture-settings.js';

const fixturesDir = fileURLToPath(new URL('../__testfixtures__/', import.meta.url));
const MIN_CASES = 8;

type TestName = 'migrates' | 'idempotent';

/**
 * Cases whose expected output says what the codemod should do and it does not do yet: the tests
 * named here are expected to fail (`it.fails`), so the suite passes while the fault stands and
 * fails the day it is fixed, when the entry must go. `<transform>/<case>`, with why.
 */
const knownWrong: Record<string, { tests: TestName[]; why: string }> = {};

interface Case {
  name: string;
  input: string;
  /** The expected output file; undefined when the case must stay unchanged. */
  output: string | undefined;
}

function casesOf(transform: string): Case[] {
  const dir = path.join(fixturesDir, transform);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const match = /^(.*)\.input\.(tsx?)$/.exec(name);
    if (!match) return [];
    const output = `${match[1]}.output.${match[2]}`;
    return [{ name: `${match[1]}.${match[2]}`, input: path.join(dir, name), output: names.includes(output) ? path.join(dir, output) : undefined }];
  });
}

/** Writes what the codemod now produces as the expected output. */
function update(fixture: Case, actual: string): void {
  const output = fixture.output ?? fixture.input.replace('.input.', '.output.');
  if (actual === readFileSync(fixture.input, 'utf8')) rmSync(output, { force: true });
  else writeFileSync(output, actual);
}

function fixtureProject(patterns: string[]): Project {
  const project = new Project({ tsConfigFilePath: path.join(fixturesDir, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
  project.addSourceFilesAtPaths([...patterns.map((p) => path.join(fixturesDir, '*', p)), path.join(fixturesDir, '*.d.ts')]);
  return project;
}

/** One program over every input and one over every output, built on first use. */
function lazyProject(pattern: string): () => Project {
  let project: Project | undefined;
  return () => (project ??= fixtureProject([pattern]));
}
const inputs = lazyProject('*.input.{ts,tsx}');
const outputs = lazyProject('*.output.{ts,tsx}');

function compiled(project: Project, file: string) {
  const sourceFile = project.getSourceFileOrThrow(file).compilerNode;
  const program = project.getProgram().compilerObject;
  return { sourceFile, program, checker: program.getTypeChecker() };
}

function diagnosticsOf(project: Project, file: string): string[] {
  const { sourceFile, program } = compiled(project, file);
  return ts.getPreEmitDiagnostics(program, sourceFile).map((d) => {
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return `${at ? `${at.line + 1}:${at.character + 1} ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

// One folder per transform, run alone; `all` holds sites where transforms meet, run together.
const groups = [...transforms.map((t) => ({ name: t.id, selected: [t] })), { name: 'all', selected: transforms }];

for (const { name, selected } of groups) {
  const cases = casesOf(name);

  describe(`fixtures: ${name}`, () => {
    it.runIf(name !== 'all')(`has at least ${MIN_CASES} cases, some unchanged and some .tsx`, () => {
      expect(cases.length).toBeGreaterThanOrEqual(MIN_CASES);
      expect(cases.some((c) => c.output === undefined)).toBe(true);
      expect(cases.some((c) => c.input.endsWith('.tsx'))).toBe(true);
    });

    for (const fixture of cases) {
      const wrong = knownWrong[`${name}/${fixture.name}`];
      const test = (id: TestName, title: string, fn: () => void) =>
        wrong?.tests.includes(id) && process.env.UPDATE_FIXTURES !== '1' ? it.fails(`${title} (known wrong: ${wrong.why})`, fn) : it(title, fn);
      describe(fixture.name, () => {
        const expected = () => readFileSync(fixture.output ?? fixture.input, 'utf8');
        const migrate = (project: Project, file: string) => {
          const { sourceFile, checker } = compiled(project, file);
          const migrator = createMigrator(selected, settingsOf(sourceFile.text));
          let round = migrator.migrate(sourceFile, checker);
          let result = round;
          // Like the CLI: another round when one is needed, on the new text in a new program.
          for (let n = 2; migrator.another(round) && n <= MAX_ROUNDS; n++) {
            const next = fixtureProject([]).createSourceFile(file, result.text, { overwrite: true });
            round = migrator.migrate(next.compilerNode, next.getProject().getTypeChecker().compilerObject);
            result = nextRound(result, round);
          }
          return result.text;
        };

        test('migrates', 'migrates to the expected output', () => {
          const actual = migrate(inputs(), fixture.input);
          if (process.env.UPDATE_FIXTURES !== '1') expect(actual).toBe(expected());
          // A known-wrong case keeps its expected output: it says what the codemod should write.
          else if (!wrong) update(fixture, actual);
        });

        test('idempotent', 'is idempotent: the output migrates to itself', () => {
          if (!fixture.output) return; // unchanged case: the first test already shows it
          expect(migrate(outputs(), fixture.output)).toBe(expected());
        });

        it('input and output parse and typecheck against the runtime', () => {
          expect(diagnosticsOf(inputs(), fixture.input)).toEqual([]);
          if (fixture.output) expect(diagnosticsOf(outputs(), fixture.output)).toEqual([]);
        });
      });
    }
  });
}
