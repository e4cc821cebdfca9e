// The detector as the codemod drives it: every fix of a file planned at once,
// applied once, and the result run again.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { applyEdits, planEdits } from '../src/lib/edits.js';
import type { AnalysisContext, Finding, Fix } from '../src/lib/types.js';
import { noFloatingPromises } from '../src/rules/no-floating-promises/detector.js';
import { contextFor, findingsOf } from './typed-context.js';

const findingsIn = (context: AnalysisContext, options = noFloatingPromises.defaultOptions): Finding[] =>
  findingsOf(noFloatingPromises, context, options);

const rewriteOf = (finding: Finding): Fix | undefined => finding.fixes.find((fix) => fix.transform === 'floating');

/** One codemod pass: the `floating` rewrite of every finding, planned together. */
function migrate(code: string, typed: boolean): string {
  const context = contextFor(code, typed);
  const fixes = findingsIn(context).flatMap((finding) => rewriteOf(finding) ?? []);
  return applyEdits(code, planEdits(context.sourceFile, fixes).edits);
}

// Type errors of `code` compiled against the runtime's source, as rewritten code will be.
const runtimeIndex = fileURLToPath(new URL('../../runtime/src/index.ts', import.meta.url));
const libDir = path.dirname(createRequire(import.meta.url).resolve('typescript'));
const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  types: [],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  paths: { taskscope: [runtimeIndex] },
};
const fileCache = new Map<string, ts.SourceFile | undefined>();
function typeErrors(code: string): string[] {
  const host = ts.createCompilerHost(compilerOptions, true);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => {
    if (name === '/virtual/case.ts') return ts.createSourceFile(name, code, version, true);
    if (!fileCache.has(name)) fileCache.set(name, read(name, version));
    return fileCache.get(name);
  };
  host.getDefaultLibLocation = () => libDir;
  const program = ts.createProgram(['/virtual/case.ts'], compilerOptions, host);
  const file = program.getSourceFile('/virtual/case.ts')!;
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  );
}

const outsideAsync =
  'floating promise in a function that is not async: handle it here with .catch(report), return it to a caller that awaits it, or run it in a scope the caller owns';

// `save` and `load` await fetches, so their promises can reject.
const input = `import { scope } from 'taskscope';

async function save(id: number): Promise<void> {
  await fetch('/save', { method: 'POST', body: String(id) });
}
async function load(): Promise<number> {
  const response = await fetch('/load');
  return Number(await response.text());
}

export async function sync(ids: number[], signal?: AbortSignal) {
  save(0);
  for (const id of ids) {
    if (id > 1) void save(id);
  }
  const first = load();
  const total = await load();
  const unused = load();
  const notify = async () => {
    save(-1);
  };
  await notify();
  await scope(async (child) => {
    save(-2);
  });
  return total + (await first);
}

export function onClick() {
  save(-3);
}
`;

const output = `import { scope } from 'taskscope';

async function save(id: number): Promise<void> {
  await fetch('/save', { method: 'POST', body: String(id) });
}
async function load(): Promise<number> {
  const response = await fetch('/load');
  return Number(await response.text());
}

export async function sync(ids: number[], signal?: AbortSignal) {
  return scope(async (s) => {
    s.spawn(() => save(0));
    for (const id of ids) {
      if (id > 1) s.spawn(() => save(id));
    }
    const first = s.spawn(() => load());
    const total = await load();
    const unused = s.spawn(() => load());
    const notify = async () => {
      return scope(async (s) => {
        s.spawn(() => save(-1));
      });
    };
    await notify();
    await scope(async (child) => {
      child.spawn(() => save(-2));
    });
    return total + (await first);
  }, { signal });
}

export function onClick() {
  save(-3);
}
`;

describe.each([true, false])('no-floating-promises as the codemod runs it (typed: %s)', (typed) => {
  it('spawns every site of a function in one pass and reaches the fixed point', () => {
    expect(migrate(input, typed)).toBe(output);
    expect(migrate(output, typed)).toBe(output);
    // What is left is only what a person must look at: the promise in a sync function.
    const left = findingsIn(contextFor(output, typed));
    expect(left.map((f) => [f.messageId, rewriteOf(f), f.review?.reason])).toEqual([['floatingInSync', undefined, outsideAsync]]);
  });

  it('gives each finding a rewrite that is valid on its own', () => {
    const context = contextFor(input, typed);
    const findings = findingsIn(context);
    expect(findings).toHaveLength(7);
    for (const finding of findings) {
      const rewrite = rewriteOf(finding);
      if (!rewrite) continue;
      const rewritten = applyEdits(input, planEdits(context.sourceFile, [rewrite]).edits);
      expect(typeErrors(rewritten)).toEqual([]);
      const remaining = findingsIn(contextFor(rewritten, typed)).map((f) => f.node.getText());
      expect(remaining).not.toContain(finding.node.getText(context.sourceFile));
    }
  });
});

describe('spawnIntoScope output', () => {
  it('typechecks against the runtime', () => {
    expect(typeErrors(output)).toEqual([]);
  });

  it('keeps blank lines, comments and indentation by tabs', () => {
    const code = 'declare function save(): Promise<void>;\nexport async function f() {\n\t// first\n\tsave();\n\n\treturn 1;\n}\n';
    expect(migrate(code, true)).toBe(
      "import { scope } from 'taskscope';\n\ndeclare function save(): Promise<void>;\nexport async function f() {\n\treturn scope(async (s) => {\n\t\t// first\n\t\ts.spawn(() => save());\n\n\t\treturn 1;\n\t});\n}\n",
    );
  });

  it('wraps nested functions in one pass whichever finding comes first', () => {
    const code =
      "async function save(): Promise<void> {\n  await fetch('/save');\n}\nexport async function outer() {\n  const inner = async () => {\n    save();\n  };\n  save();\n  await inner();\n}\n";
    const context = contextFor(code, false);
    const [first, second] = findingsIn(context).map((f) => rewriteOf(f)!);
    expect(second).toEqual(first);
    const once = migrate(code, false);
    expect(once).toBe(
      "import { scope } from 'taskscope';\n\nasync function save(): Promise<void> {\n  await fetch('/save');\n}\nexport async function outer() {\n  return scope(async (s) => {\n    const inner = async () => {\n      return scope(async (s) => {\n        s.spawn(() => save());\n      });\n    };\n    s.spawn(() => save());\n    await inner();\n  });\n}\n",
    );
    expect(migrate(once, false)).toBe(once);
  });

  it('does not wrap generators or sync functions', () => {
    const code =
      'declare function save(): Promise<void>;\nexport async function* g() {\n  save();\n  yield 1;\n}\nexport function h() {\n  save();\n}\n';
    const findings = findingsIn(contextFor(code, true));
    expect(findings.map((f) => [f.messageId, rewriteOf(f), f.review?.reason])).toEqual([
      ['floating', undefined, 'floating promise the codemod cannot spawn as written: give it an owner'],
      ['floatingInSync', undefined, outsideAsync],
    ]);
    expect(migrate(code, true)).toBe(code);
  });

  // A handled promise cannot reject, yet under checkHandled nothing waiting for it is the finding.
  it('reports handled promises only with checkHandled, and never a module-level entry point', () => {
    const code = 'declare function main(): Promise<void>;\nmain().catch(console.error);\nexport function f() {\n  main().catch(console.error);\n}\n';
    const count = (checkHandled: boolean) =>
      findingsIn(contextFor(code, true), { ...noFloatingPromises.defaultOptions, checkHandled }).map((f) => f.node.getStart());
    expect(count(false)).toEqual([]);
    expect(count(true)).toEqual([code.lastIndexOf('main()')]);
  });
});
