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
import { contextFor, findingsOf, migrateFindings } from './typed-context.js';

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

const reasons = {
  outside:
    'floating promise outside an async function: report its failure with .catch(report), or write `void` before it with a comment saying why it may run on, or return it so the caller can await it in a scope',
  noSignal: 'floating promise: it takes no AbortSignal, so a scope could only wait for it; await it, or .catch(report)',
  openEnded: 'floating promise: open-ended work (a stream, listener or loop); decide who owns it and when it stops',
  handle: "floating promise: this function's result is used while the work runs; a scope would make it wait",
  shape: 'floating promise the codemod cannot spawn as written: await it, or spawn it into a scope by hand',
};

// `save` and `load` await fetches, so their promises can reject; they pass on the signal they are given.
const input = `import { scope } from 'taskscope';

async function save(id: number, signal?: AbortSignal): Promise<void> {
  await fetch('/save', { method: 'POST', body: String(id), signal });
}
async function load(signal?: AbortSignal): Promise<number> {
  const response = await fetch('/load', { signal });
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

async function save(id: number, signal?: AbortSignal): Promise<void> {
  await fetch('/save', { method: 'POST', body: String(id), signal });
}
async function load(signal?: AbortSignal): Promise<number> {
  const response = await fetch('/load', { signal });
  return Number(await response.text());
}

export async function sync(ids: number[], signal?: AbortSignal) {
  return scope(async (s) => {
    s.spawn((taskSignal) => save(0, taskSignal));
    for (const id of ids) {
      if (id > 1) s.spawn((taskSignal) => save(id, taskSignal));
    }
    const first = s.spawn((taskSignal) => load(taskSignal));
    const total = await load();
    const unused = s.spawn((taskSignal) => load(taskSignal));
    const notify = async () => {
      return scope(async (s) => {
        s.spawn((taskSignal) => save(-1, taskSignal));
      });
    };
    await notify();
    await scope(async (child) => {
      child.spawn((taskSignal) => save(-2, taskSignal));
    });
    return total + (await first);
  }, { signal });
}

export function onClick() {
  save(-3);
}
`;

// Without types any value a function returns may be a handle its caller drives while the work runs:
// `sync` returns one, so only the functions inside it become scopes.
const syntacticOutput = input
  .replace('  const notify = async () => {\n    save(-1);\n  };', '  const notify = async () => {\n    return scope(async (s) => {\n      s.spawn((taskSignal) => save(-1, taskSignal));\n    });\n  };')
  .replace('    save(-2);', '    child.spawn((taskSignal) => save(-2, taskSignal));');

describe.each([true, false])('no-floating-promises as the codemod runs it (typed: %s)', (typed) => {
  it('spawns every site of a function in one pass and reaches the fixed point', () => {
    const expected = typed ? output : syntacticOutput;
    expect(migrate(input, typed)).toBe(expected);
    expect(migrate(expected, typed)).toBe(expected);
    // What is left is only what a person must look at: the promise in a sync function (and, without types, in `sync`).
    const left = findingsIn(contextFor(expected, typed));
    expect(left.map((f) => [f.messageId, rewriteOf(f), f.review?.reason])).toEqual([
      ...(typed
        ? []
        : [
            ['floating', undefined, reasons.handle],
            ['floatingVoid', undefined, reasons.handle],
            ['awaitedTooLate', undefined, reasons.handle],
            ['unusedPromise', undefined, reasons.handle],
          ]),
      ['floatingInSync', undefined, reasons.outside],
    ]);
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
    const code = 'declare function save(signal?: AbortSignal): Promise<void>;\nexport async function f() {\n\t// first\n\tsave();\n\n\treturn 1;\n}\n';
    expect(migrate(code, true)).toBe(
      "import { scope } from 'taskscope';\n\ndeclare function save(signal?: AbortSignal): Promise<void>;\nexport async function f() {\n\treturn scope(async (s) => {\n\t\t// first\n\t\ts.spawn((signal) => save(signal));\n\n\t\treturn 1;\n\t});\n}\n",
    );
  });

  it('wraps nested functions in one pass whichever finding comes first', () => {
    const code =
      "async function save(signal?: AbortSignal): Promise<void> {\n  await fetch('/save', { signal });\n}\nexport async function outer() {\n  const inner = async () => {\n    save();\n  };\n  save();\n  await inner();\n}\n";
    const context = contextFor(code, false);
    const [first, second] = findingsIn(context).map((f) => rewriteOf(f)!);
    expect(second).toEqual(first);
    const once = migrate(code, false);
    expect(once).toBe(
      "import { scope } from 'taskscope';\n\nasync function save(signal?: AbortSignal): Promise<void> {\n  await fetch('/save', { signal });\n}\nexport async function outer() {\n  return scope(async (s) => {\n    const inner = async () => {\n      return scope(async (s) => {\n        s.spawn((signal) => save(signal));\n      });\n    };\n    s.spawn((signal) => save(signal));\n    await inner();\n  });\n}\n",
    );
    expect(migrate(once, false)).toBe(once);
  });

  it('does not wrap generators or sync functions', () => {
    const code =
      'declare function save(signal?: AbortSignal): Promise<void>;\nexport async function* g() {\n  save();\n  yield 1;\n}\nexport function h() {\n  save();\n}\n';
    const findings = findingsIn(contextFor(code, true));
    // A generator's result is what its caller drives while the work runs.
    expect(findings.map((f) => [f.messageId, rewriteOf(f), f.review?.reason])).toEqual([
      ['floating', undefined, reasons.handle],
      ['floatingInSync', undefined, reasons.outside],
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

/** Each finding as [messageId, its fixes' message ids, whether one is the codemod's, the marker's reason]. */
const summary = (context: AnalysisContext) =>
  findingsIn(context).map((f) => [f.messageId, f.fixes.map((fix) => fix.messageId), rewriteOf(f) !== undefined, f.review?.reason]);

describe('no-floating-promises: what a scope could not own, marked instead of spawned', () => {
  it('work that takes no signal: a scope could only wait for it, so the editor offers the await and the codemod a marker', () => {
    const code = "async function log(line: string): Promise<void> {\n  await fetch('/log', { method: 'POST', body: line });\n}\nexport async function f() {\n  log('started');\n}\n";
    for (const typed of [true, false]) {
      const context = contextFor(code, typed);
      expect(summary(context), typed ? 'typed' : 'syntactic').toEqual([['floating', ['awaitPromise'], false, reasons.noSignal]]);
      expect(migrateFindings(context, findingsIn(context))).toBe(
        code.replace(
          "  log('started');",
          "  /* taskscope-migrate: floating promise: it takes no AbortSignal, so a scope could only wait for\n     it; await it, or .catch(report) */\n  log('started');",
        ),
      );
    }
  });

  it('open-ended work (a pipe, a server, a loop), even when it takes a signal', () => {
    const code = [
      'declare const source: ReadableStream<string>;',
      'declare const sink: WritableStream<string>;',
      'declare const server: { listen(port: number): Promise<void> };',
      'export class Feed {',
      "  async pollLoop(signal?: AbortSignal): Promise<void> {\n    await fetch('/feed', { signal });\n  }",
      '  async start() {',
      '    source.pipeTo(sink);',
      '    server.listen(8080);',
      '    this.pollLoop();',
      '  }',
      '}',
    ].join('\n');
    const context = contextFor(code, true);
    expect(summary(context)).toEqual([
      ['floating', ['awaitPromise'], false, reasons.openEnded],
      ['floating', ['awaitPromise'], false, reasons.openEnded],
      ['floating', ['awaitPromise'], false, reasons.openEnded],
    ]);
    expect(migrateFindings(context, findingsIn(context))).toContain(
      '    /* taskscope-migrate: floating promise: open-ended work (a stream, listener or loop); decide\n       who owns it and when it stops */\n    this.pollLoop();',
    );
  });

  describe('a function whose result is used while the work runs is not made a scope', () => {
    const warm = "async function warm(url: string, signal?: AbortSignal): Promise<void> {\n  await fetch(url, { method: 'HEAD', signal });\n}\n";
    const cases: [string, string, boolean][] = [
      ['a handle with methods', 'export async function open(url: string) {\n  warm(url);\n  return { close(): void {} };\n}', true],
      ['a Response', 'export async function download(url: string): Promise<Response> {\n  warm(url);\n  return fetch(url);\n}', true],
      ['a ReadableStream', 'export async function lines(url: string): Promise<ReadableStream<string>> {\n  warm(url);\n  return new ReadableStream<string>();\n}', true],
      ['a subscription', 'export async function follow(url: string) {\n  warm(url);\n  return { unsubscribe(): void {} };\n}', true],
      [
        'an async iterator',
        'declare function events(url: string): AsyncIterableIterator<string>;\nexport async function feed(url: string) {\n  warm(url);\n  return events(url);\n}',
        true,
      ],
      // Typed, a number, a Map, a Date or a record whose methods end nothing is no handle; without types any
      // returned value may be one.
      ['a number', 'export async function size(url: string): Promise<number> {\n  warm(url);\n  return url.length;\n}', false],
      ['a Map', 'export async function index(url: string) {\n  warm(url);\n  return new Map([[url, 1]]);\n}', false],
      ['a Date', 'export async function stamp(url: string) {\n  warm(url);\n  return new Date();\n}', false],
      ['a record with methods that end nothing', 'export async function totals(url: string) {\n  warm(url);\n  return { url, sum(): number { return 1; } };\n}', false],
    ];
    it.each(cases)('%s', (_name, fn, handle) => {
      for (const typed of [true, false]) {
        const context = contextFor(`${warm}${fn}`, typed);
        const wrapped = typed && !handle;
        expect(summary(context), typed ? 'typed' : 'syntactic').toEqual([
          ['floating', wrapped ? ['awaitPromise', 'spawnIntoScope'] : ['awaitPromise'], wrapped, wrapped ? undefined : reasons.handle],
        ]);
      }
    });

    it('and a function that returns nothing is, typed or not', () => {
      for (const typed of [true, false]) {
        expect(migrate(`${warm}export async function touch(url: string) {\n  warm(url);\n}\n`, typed)).toBe(
          `import { scope } from 'taskscope';\n\n${warm}export async function touch(url: string) {\n  return scope(async (s) => {\n    s.spawn((signal) => warm(url, signal));\n  });\n}\n`,
        );
      }
    });
  });

  it('spawns work that is given the signal in scope, with the task\'s signal in its place', () => {
    const code = "export async function refresh(signal: AbortSignal) {\n  fetch('/refresh', { method: 'POST', signal });\n  await fetch('/other', { signal });\n}\n";
    for (const typed of [true, false]) {
      expect(findingsIn(contextFor(code, typed)).map((f) => f.review?.reason)).not.toContain(reasons.noSignal);
      expect(migrate(code, typed)).toContain("    s.spawn((taskSignal) => fetch('/refresh', { method: 'POST', signal: taskSignal }));\n");
    }
  });

  it('spawns what takes a signal and marks what does not, in the same function', () => {
    const code =
      "declare function log(line: string): Promise<void>;\ndeclare function save(doc: string, signal?: AbortSignal): Promise<void>;\nexport async function f(doc: string) {\n  log('saving');\n  save(doc);\n}\n";
    const context = contextFor(code, true);
    expect(summary(context)).toEqual([
      ['floating', ['awaitPromise'], false, reasons.noSignal],
      ['floating', ['awaitPromise', 'spawnIntoScope'], true, undefined],
    ]);
    const once = migrate(code, true);
    expect(once).toContain("  return scope(async (s) => {\n    log('saving');\n    s.spawn((signal) => save(doc, signal));\n  });");
    // What is left floats in the scope's body: it still takes no signal, so it is marked, not spawned.
    expect(summary(contextFor(once, true))).toEqual([['floating', ['awaitPromise'], false, reasons.noSignal]]);
  });
});
