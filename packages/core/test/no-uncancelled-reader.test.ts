import { describe, expect, it } from 'vitest';

import type { AnalysisContext } from '../src/lib/types.js';
import { UNCANCELLED_READER_REASON, noUncancelledReader } from '../src/rules/no-uncancelled-reader/detector.js';
import { contextFor, findingsOf, migrateFindings } from './typed-context.js';

const findings = (context: AnalysisContext) => findingsOf(noUncancelledReader, context, {});
/** The names of the readers reported in `code`, typed and not (they must agree). */
function reported(code: string): string[] {
  const [typed, syntactic] = [true, false].map((isTyped) => findings(contextFor(code, isTyped)).map((f) => f.data?.reader ?? ''));
  expect(syntactic).toEqual(typed);
  return typed!;
}

/** An SSE-style generator: `setup` before the loop, `cleanup` in its `finally` (no `try` when null). */
function generator({ source = 'response.body!', setup = '', cleanup = 'reader.releaseLock();' as string | null, yields = 'yield value;' } = {}): string {
  const loop = `for (;;) {\n      const { done, value } = await reader.read();\n      if (done) return;\n      ${yields}\n    }`;
  const body = cleanup === null ? `  ${loop.replaceAll('\n  ', '\n')}` : `  try {\n    ${loop}\n  } finally {\n    ${cleanup}\n  }`;
  return `export async function* events(url: string, signal?: AbortSignal) {\n  const response = await fetch(url, { signal });\n  const reader = ${source}.getReader();\n${setup}${body}\n}\n`;
}

describe('no-uncancelled-reader', () => {
  it('reports a reader an async generator yields from and only releases, and cancels it in the finally', () => {
    const code = generator();
    expect(reported(code)).toEqual(['reader']);
    const context = contextFor(code, true);
    // The cancel reaches the stream: the codemod counts it as a rewrite that cancels something.
    expect(findings(context)[0]?.fixes.map((fix) => [fix.transform, fix.delivery])).toEqual([['cancel-reader', 'all']]);
    const migrated = migrateFindings(context, findings(context));
    expect(migrated).toContain('  } finally {\n    await reader.cancel().catch(() => undefined);\n    reader.releaseLock();\n  }');
    // The rewrite is the whole fix: nothing is reported in its output.
    expect(reported(migrated)).toEqual([]);
  });

  it('reports a stream handed in, a piped body, and a cancel that runs only on an abort', () => {
    expect(reported(generator({ source: 'response.body!.pipeThrough(new TextDecoderStream())' }))).toEqual(['reader']);
    const parameter = 'export async function* lines(stream: ReadableStream<string>) {\n  const reader = stream.getReader();\n  for (;;) {\n    const { done, value } = await reader.read();\n    if (done) return;\n    yield value;\n  }\n}\n';
    expect(reported(parameter)).toEqual(['reader']);
    expect(reported(generator({ setup: "  signal?.addEventListener('abort', () => void reader.cancel());\n" }))).toEqual(['reader']);
  });

  it('marks the site for review where no finally surrounds the read loop', () => {
    const code = generator({ cleanup: null });
    const context = contextFor(code, false);
    const [finding] = findings(context);
    expect(finding?.fixes).toEqual([]);
    expect(finding?.review?.reason).toBe(UNCANCELLED_READER_REASON);
    expect(migrateFindings(context, [finding!])).toContain(`  /* taskscope-migrate: ${UNCANCELLED_READER_REASON} */\n  const reader =`);
  });

  it('marks the site for review where the reader is declared inside the try, out of the finally\'s scope', () => {
    const code = generator().replace('  const reader = response.body!.getReader();\n  try {\n', '  try {\n    const reader = response.body!.getReader();\n').replace('reader.releaseLock();', 'console.log("closed");');
    const [finding] = findings(contextFor(code, true));
    expect(finding?.fixes).toEqual([]);
    expect(finding?.review?.reason).toBe(UNCANCELLED_READER_REASON);
  });

  it('puts the cancel at the head of a finally without a releaseLock', () => {
    const context = contextFor(generator({ cleanup: 'console.log("closed");' }), false);
    expect(migrateFindings(context, findings(context))).toContain('  } finally {\n    await reader.cancel().catch(() => undefined);\n    console.log("closed");\n  }');
  });

  it('does not report a generator that stops its source itself', () => {
    expect(reported(generator({ cleanup: 'void reader.cancel();' }))).toEqual([]);
    expect(reported(generator({ cleanup: 'await response.body!.cancel();' }))).toEqual([]);
    expect(reported(generator({ source: 'response.body!.pipeThrough(new TextDecoderStream())', cleanup: 'await response.body!.cancel();' }))).toEqual([]);
    expect(reported(generator({ setup: '  const controller = new AbortController();\n', cleanup: 'controller.abort();' }))).toEqual([]);
    // A local function the finally calls (openai-node's `cancel`), not a listener.
    const helper = '  const cancel = () => { reader.cancel().catch(() => undefined); };\n';
    expect(reported(generator({ setup: helper, cleanup: 'cancel();\n    reader.releaseLock();' }))).toEqual([]);
  });

  it('does not report a reader handed on, read before anything is yielded, outside a generator, or of a local stream', () => {
    expect(reported(generator({ setup: '  register(reader);\n' }).replace('export', 'declare function register(r: unknown): void;\nexport'))).toEqual([]);
    expect(reported(generator({ yields: 'chunks.push(value);', setup: '  const chunks: unknown[] = [];\n' }).replace('if (done) return;', 'if (done) break;').replace('  } finally', '  yield chunks;\n  } finally'))).toEqual([]);
    expect(reported(generator().replace('async function*', 'async function').replace('yield value;', 'console.log(value);'))).toEqual([]);
    expect(reported(generator({ source: 'new Blob(["x"]).stream()' }))).toEqual([]);
    expect(reported(generator({ source: 'new ReadableStream<string>()' }))).toEqual([]);
  });
});
