// `taskscope check --format sarif` against the SARIF 2.1.0 JSON schema, and
// against what GitHub code scanning documents it reads of a log.
//
// The schema: no npm package ships the OASIS file under its own name
// (sarif-schema-2.1.0.json); Microsoft's SARIF SDK package @microsoft/jest-sarif
// ships the final 2.1.0 schema as lib/schemas/sarif-2.1.0-rtm.5.json (draft-04),
// which is validated against here with ajv and its formats.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';

import { checkMain } from '../../src/check/cli.js';
import { capture, checkProject } from '../temp-project.js';

const require = createRequire(import.meta.url);
const schemaFile = path.join(path.dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib/schemas/sarif-2.1.0-rtm.5.json');

const source = [
  'declare function save(id: string, signal?: AbortSignal): Promise<string>;',
  '',
  'export async function loadAll(ids: string[], signal: AbortSignal) {',
  '  save("audit");',
  '  return Promise.all(ids.map((id) => save(id)));',
  '}',
  '',
].join('\n');

function sarifOf(files: Record<string, string>, args: string[] = []) {
  const dir = checkProject(files, { git: true });
  const stdout = capture();
  const code = checkMain(['--format', 'sarif', '--strict', ...args], { cwd: dir, stdout, stderr: capture() });
  return { code, log: JSON.parse(stdout.text()) as Sarif };
}

interface Region {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}
interface Location {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Region };
}
interface Sarif {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; helpUri: string; shortDescription: { text: string } }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    invocations: { toolExecutionNotifications: { message: { text: string }; locations: Location[] }[] }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Location[];
      partialFingerprints: Record<string, string>;
      fixes?: { description: { text: string }; artifactChanges: { replacements: { deletedRegion: Region; insertedContent: { text: string } }[] }[] }[];
    }[];
  }[];
}

describe('taskscope check --format sarif', () => {
  // One project with problems (the same file twice, once under a name to encode) and one that does not parse.
  let checked: ReturnType<typeof sarifOf> | undefined;
  const withProblems = () => (checked ??= sarifOf({ 'src/load.ts': source, 'src/my file.ts': source, 'src/broken.ts': 'export const broken = ;\n' }));

  // The schema's `language` pattern has a lone `]`, which only a non-unicode RegExp accepts (as draft-04 validators did).
  // Both are CommonJS modules whose class is also their `default` export, the one TypeScript's nodenext types see.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);

  it('validates against the SARIF 2.1.0 schema, with problems, fixes and a parsing error', () => {
    const { code, log } = withProblems();
    expect(code).toBe(1);
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    // The schema would also take an empty log: this one has what the test is about.
    expect(log.runs[0]!.results.length).toBeGreaterThanOrEqual(3);
    expect(log.runs[0]!.results.some((r) => (r.fixes?.length ?? 0) > 0)).toBe(true);
    expect(log.runs[0]!.invocations[0]!.toolExecutionNotifications).toHaveLength(1);
  });

  it('is valid when there is nothing to report', () => {
    const { code, log } = sarifOf({ 'src/clean.ts': 'export const x = 1;\n' });
    expect(code).toBe(0);
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    expect(log.runs[0]!.results).toEqual([]);
  });

  it('a schema violation fails validation (the test can fail)', () => {
    const broken = structuredClone(withProblems().log);
    (broken.runs[0]!.results[0]!.locations[0]!.physicalLocation.region as { startLine: unknown }).startLine = 0;
    expect(validate(broken)).toBe(false);
  });

  // https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
  it('has what GitHub code scanning requires of a result, a rule and a location (the documented subset)', () => {
    const { log } = withProblems();
    const [run] = log.runs;
    expect(log.version).toBe('2.1.0');
    expect(run!.tool.driver.name).toBe('taskscope');
    const rules = run!.tool.driver.rules;
    expect(rules.map((r) => r.id)).toContain('taskscope/no-unbounded-fan-out');
    for (const rule of rules) {
      expect(rule.shortDescription.text).not.toBe('');
      expect(rule.helpUri).toBe(`https://github.com/taskscope/taskscope/blob/main/packages/eslint-plugin/docs/rules/${rule.id.slice('taskscope/'.length)}.md`);
    }
    expect(run!.originalUriBaseIds['%SRCROOT%']!.uri).toMatch(/^file:\/\/.*\/$/);
    const uris = new Set<string>();
    for (const result of run!.results) {
      expect(rules[result.ruleIndex]!.id).toBe(result.ruleId);
      expect(result.level).toBe('error');
      expect(result.message.text).not.toBe('');
      const { artifactLocation, region } = result.locations[0]!.physicalLocation;
      // Relative to the repository's root, which is what code scanning resolves them against.
      expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
      uris.add(artifactLocation.uri);
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(region.startColumn).toBeGreaterThanOrEqual(1);
      expect(Object.values(result.partialFingerprints)).toHaveLength(1);
    }
    expect([...uris].sort()).toEqual(['src/load.ts', 'src/my%20file.ts']);
    // The same line in two files gets the same fingerprint; two equal lines in a file would get two.
    const fingerprints = run!.results.map((r) => `${r.ruleId} ${Object.values(r.partialFingerprints)[0]}`);
    expect(new Set(fingerprints).size).toBe(fingerprints.length / 2);
  });

  it('gives each suggestion as a fix: the regions it replaces, in the file’s lines and UTF-16 columns', () => {
    const { log } = withProblems();
    const floating = log.runs[0]!.results.find((r) => r.ruleId === 'taskscope/no-floating-promises')!;
    expect(floating.locations[0]!.physicalLocation.region).toEqual({ startLine: 4, startColumn: 3, endLine: 4, endColumn: 16 });
    const awaitFix = floating.fixes!.find((f) => f.description.text === 'Await it.')!;
    expect(awaitFix.artifactChanges[0]!.replacements).toEqual([
      { deletedRegion: { startLine: 4, startColumn: 3, endLine: 4, endColumn: 3 }, insertedContent: { text: 'await ' } },
    ]);
  });
});
