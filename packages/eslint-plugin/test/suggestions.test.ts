// Every suggestion's output must parse and typecheck against the runtime. Lints
// the samples in test/suggestion-samples/ (typed, every rule, strict options),
// applies each suggestion alone, and typechecks the result in a program where
// `taskscope` is the runtime's source: no diagnostic may appear that the
// original file did not have.
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint, type Linter } from 'eslint';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { plugin, ruleIds, temporaryProject, tsParser } from './eslint-api.js';

const samplesDir = fileURLToPath(new URL('./suggestion-samples/', import.meta.url));
/** How many suggestions the samples produced when the rules landed. */
const MIN_SUGGESTIONS = 60;
const samples = readdirSync(samplesDir).sort();

let project: ReturnType<typeof temporaryProject>;
let results: ESLint.LintResult[];
let typecheck: (fileName: string, text: string) => string[];

beforeAll(async () => {
  project = temporaryProject('suggestions');
  cpSync(samplesDir, project.dir, { recursive: true });
  typecheck = checkerFor(join(project.dir, 'tsconfig.json'));
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts', '**/*.tsx', '**/*.js'],
      languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: project.dir } },
    },
    { plugins: { taskscope: plugin }, rules: plugin.configs.strict.rules },
  ];
  const eslint = new ESLint({ cwd: project.dir, overrideConfigFile: true, overrideConfig: config });
  results = await eslint.lintFiles(samples);
}, 300_000);

afterAll(() => project.dispose());

/** One suggestion applied alone: where it came from and the text it produces. */
interface Applied {
  rule: string;
  where: string;
  suggestion: string;
  output: string;
}

function suggestionsOf(result: ESLint.LintResult): Applied[] {
  const text = readFileSync(result.filePath, 'utf8');
  return result.messages.flatMap((message) =>
    (message.suggestions ?? []).map((suggestion) => ({
      rule: message.ruleId ?? '',
      where: `${result.filePath}:${message.line}:${message.column}`,
      suggestion: suggestion.desc,
      output: text.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + text.slice(suggestion.fix.range[1]),
    })),
  );
}

describe.each(samples)('%s', (sample) => {
  it('has suggestions, and each changes the file, parses and adds no type errors', () => {
    const result = results.find((r) => r.filePath === join(project.dir, sample));
    expect(result?.messages.filter((message) => message.fatal)).toEqual([]);
    if (!result) return;

    const original = readFileSync(result.filePath, 'utf8');
    const applied = suggestionsOf(result);
    // A sample named after a rule must give that rule's suggestions; the others, any.
    const id = sample.replace(/\.[jt]sx?$/, '');
    const exercised = (ruleIds as readonly string[]).includes(id) ? applied.filter(({ rule }) => rule === `taskscope/${id}`) : applied;
    expect(exercised.length).toBeGreaterThan(0);

    const before = typecheck(result.filePath, original);
    const failures = applied.flatMap(({ rule, where, suggestion, output }) => {
      const added = subtract(typecheck(result.filePath, output), before);
      return added.length > 0 || output === original ? [{ rule, where, suggestion, added, output }] : [];
    });
    expect(failures).toEqual([]);
  });
});

describe('coverage', () => {
  it('the samples give every rule with suggestions some to check', () => {
    const counts = new Map<string, number>();
    for (const { rule } of results.flatMap(suggestionsOf)) counts.set(rule, (counts.get(rule) ?? 0) + 1);
    const withSuggestions = ruleIds.filter((id) => plugin.rules?.[id]?.meta?.hasSuggestions === true);
    expect(withSuggestions.filter((id) => !counts.has(`taskscope/${id}`))).toEqual([]);
    // A lower count means a sample stopped producing suggestions: look before lowering it.
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(MIN_SUGGESTIONS);
  });
});

/** The diagnostics in `after` that `before` does not account for (a multiset difference). */
function subtract(after: string[], before: string[]): string[] {
  const remaining = [...before];
  return after.filter((diagnostic) => {
    const at = remaining.indexOf(diagnostic);
    if (at === -1) return true;
    remaining.splice(at, 1);
    return false;
  });
}

/**
 * A typechecker for one file of the project at a time, with that file's text
 * replaced. Every other SourceFile (the runtime, the libs) is parsed once and
 * reused, so each check only re-binds and re-checks what changed.
 */
function checkerFor(tsconfigPath: string): (fileName: string, text: string) => string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfigPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${tsconfigPath}`);
  const { options } = parsed;
  const base = ts.createCompilerHost(options, true);
  const shared = new Map<string, ts.SourceFile>();
  let program: ts.Program | undefined;

  return (fileName, text) => {
    const host: ts.CompilerHost = {
      ...base,
      readFile: (name) => (name === fileName ? text : base.readFile(name)),
      getSourceFile(name, languageVersion, onError) {
        if (name === fileName) return ts.createSourceFile(name, text, languageVersion, true);
        let sourceFile = shared.get(name);
        if (!sourceFile) {
          sourceFile = base.getSourceFile(name, languageVersion, onError);
          if (sourceFile) shared.set(name, sourceFile);
        }
        return sourceFile;
      },
    };
    program = ts.createProgram({ rootNames: [fileName], options, host, oldProgram: program });
    const sourceFile = program.getSourceFile(fileName);
    if (!sourceFile) throw new Error(`${fileName} is not in the program`);
    return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)].map(
      (diagnostic) => `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`,
    );
  };
}
