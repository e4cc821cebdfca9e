// Each rule doc's examples are checked, as typescript-eslint checks its docs:
// every ❌ block is reported by the rule, every ✅ block (and every block of
// "Not reported") is clean, under the preset the doc names, typed; and every
// TypeScript block compiles.
//
// The convention the docs follow:
// - a ```ts declarations block declares what the examples use; it is put in
//   front of each of the doc's other blocks;
// - a ```ts block after a line starting with ❌ (or ✅) is incorrect (correct)
//   code, up to the next heading; any ts block under "## Not reported" is
//   correct code;
// - `file=<path>` on the fence names the file the block is linted as (a test
//   file, say), `options=<json>` gives the rule options for it.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint, type Linter } from 'eslint';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { plugin, temporaryProject, tsParser } from './eslint-api.js';

const docsDir = fileURLToPath(new URL('../docs/rules/', import.meta.url));

interface Block {
  kind: 'incorrect' | 'correct' | 'compiles';
  code: string;
  file: string;
  options?: unknown;
  /** Where it is, for a failing test's name. */
  line: number;
}

interface Doc {
  rule: string;
  preset: 'recommended' | 'strict';
  declarations: string;
  blocks: Block[];
}

export function parseDoc(rule: string, text: string): Doc {
  const lines = text.split('\n');
  const preset = /✅ `recommended`/.test(text) ? 'recommended' : 'strict';
  const blocks: Block[] = [];
  let declarations = '';
  let section = '';
  let marker: Block['kind'] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('#')) {
      if (line.startsWith('## ')) section = line.slice(3).trim();
      marker = undefined;
      continue;
    }
    if (line.startsWith('❌')) marker = 'incorrect';
    if (line.startsWith('✅')) marker = 'correct';
    const fence = /^```(ts|tsx)\b(.*)$/.exec(line);
    if (!fence) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end]!.startsWith('```')) end++;
    const code = lines.slice(start, end).join('\n');
    const info = fence[2]!;
    i = end;
    if (/\bdeclarations\b/.test(info)) {
      declarations += `${code}\n`;
      continue;
    }
    const file = /\bfile=(\S+)/.exec(info)?.[1] ?? `example.${fence[1]}`;
    const options = /\boptions=(\{.*\})/.exec(info)?.[1];
    const kind = marker ?? (section === 'Not reported' ? 'correct' : 'compiles');
    blocks.push({ kind, code, file, options: options === undefined ? undefined : JSON.parse(options), line: start + 1 });
  }
  return { rule, preset, declarations, blocks };
}

const docs = readdirSync(docsDir)
  .filter((name) => name.endsWith('.md'))
  .map((name) => parseDoc(name.slice(0, -3), readFileSync(join(docsDir, name), 'utf8')));

let project: { dir: string; dispose(): void };
beforeAll(() => {
  project = temporaryProject('docs');
});
afterAll(() => project.dispose());

/** Each block as its own file of the temporary project, the doc's declarations first. */
function pathOf(doc: Doc, block: Block): string {
  const file = block.file.startsWith('example.') ? `${doc.rule}/line-${block.line}.${block.file.split('.').pop()}` : `${doc.rule}/${block.file}`;
  return join(project.dir, file);
}

function writeBlocks(doc: Doc): void {
  for (const block of doc.blocks) {
    const path = pathOf(doc, block);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${doc.declarations}${block.code}\n`);
  }
}

/** The rule's findings in each block, linted typed under the doc's preset, one ESLint run per distinct options. */
async function findingsByBlock(doc: Doc): Promise<Map<Block, Linter.LintMessage[]>> {
  const found = new Map<Block, Linter.LintMessage[]>();
  const byOptions = new Map<string, Block[]>();
  for (const block of doc.blocks.filter((b) => b.kind !== 'compiles')) {
    const key = JSON.stringify(block.options ?? null);
    byOptions.set(key, [...(byOptions.get(key) ?? []), block]);
  }
  for (const [key, blocks] of byOptions) {
    const options = JSON.parse(key) as unknown;
    const rules = { ...plugin.configs[doc.preset].rules } as Linter.RulesRecord;
    if (options !== null) rules[`taskscope/${doc.rule}`] = ['error', options];
    const eslint = new ESLint({
      cwd: project.dir,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: project.dir } } },
        { ...plugin.configs[doc.preset], rules },
      ],
    });
    const results = await eslint.lintFiles(blocks.map((block) => pathOf(doc, block)));
    for (const block of blocks) {
      const result = results.find((r) => r.filePath === pathOf(doc, block));
      const messages = result?.messages ?? [];
      // A ❌ example must be reported by the doc's rule; a ✅ one clean under every rule of the preset.
      const counts = (m: Linter.LintMessage) => (block.kind === 'incorrect' ? m.ruleId === `taskscope/${doc.rule}` : m.ruleId?.startsWith('taskscope/') === true);
      found.set(block, [...messages.filter((m) => m.fatal), ...messages.filter(counts)]);
    }
  }
  return found;
}

/** Each block's compile errors, from one program of the doc's blocks. */
function compileErrorsByBlock(doc: Doc): Map<Block, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(join(project.dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const program = ts.createProgram(doc.blocks.map((block) => pathOf(doc, block)), config.options);
  return new Map(
    doc.blocks.map((block) => {
      const sourceFile = program.getSourceFile(pathOf(doc, block))!;
      const errors = ts
        .getPreEmitDiagnostics(program, sourceFile)
        .map((d) => `${d.start === undefined ? '' : `${sourceFile.getLineAndCharacterOfPosition(d.start).line + 1}: `}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      return [block, errors];
    }),
  );
}

describe.each(docs.map((doc) => [doc.rule, doc] as const))('docs/rules/%s.md', (_, doc) => {
  let findings: Map<Block, Linter.LintMessage[]>;
  let compileErrors: Map<Block, string[]>;
  beforeAll(async () => {
    writeBlocks(doc);
    compileErrors = compileErrorsByBlock(doc);
    findings = await findingsByBlock(doc);
  }, 120_000);

  it('has incorrect and correct examples', () => {
    expect(doc.blocks.some((b) => b.kind === 'incorrect')).toBe(true);
    expect(doc.blocks.some((b) => b.kind === 'correct')).toBe(true);
  });

  it.each(doc.blocks.map((block) => [`line ${block.line} (${block.kind})`, block] as const))('%s', (_, block) => {
    expect(compileErrors.get(block)).toEqual([]);
    if (block.kind === 'compiles') return;
    const found = findings.get(block)!;
    if (block.kind === 'incorrect') expect(found.length, 'the rule reports this ❌ example').toBeGreaterThan(0);
    else expect(found.map((m) => `${m.line}: ${m.ruleId}: ${m.message}`)).toEqual([]);
  });
});
