import rule from '../../src/rules/no-uncancelled-reader.js';
import { espreeTester, syntacticTester, typedTester } from '../rule-tester.js';

/** A streaming generator over a response body, `cleanup` in its `finally`. */
const streaming = (cleanup: string): string =>
  [
    'export async function* events(url: string) {',
    '  const response = await fetch(url);',
    '  const reader = response.body!.getReader();',
    '  try {',
    '    for (;;) {',
    '      const { done, value } = await reader.read();',
    '      if (done) return;',
    '      yield value;',
    '    }',
    '  } finally {',
    `    ${cleanup}`,
    '  }',
    '}',
  ].join('\n');

const released = streaming('reader.releaseLock();');
const cancelled = streaming('await reader.cancel().catch(() => undefined);\n    reader.releaseLock();');

const readToTheEnd = [
  'export async function text(response: Response) {',
  '  const reader = response.body!.getReader();',
  '  let size = 0;',
  '  for (;;) {',
  '    const { done, value } = await reader.read();',
  '    if (done) return size;',
  '    size += value.length;',
  '  }',
  '}',
].join('\n');

for (const [name, tester] of [['typed', typedTester], ['syntactic', syntacticTester]] as const) {
  tester.run(`no-uncancelled-reader (${name})`, rule, {
    valid: [cancelled, streaming('controller.abort();').replace('  const response', '  const controller = new AbortController();\n  const response'), readToTheEnd],
    invalid: [
      {
        code: released,
        errors: [{ messageId: 'uncancelledReader', data: { reader: 'reader' }, line: 3, column: 18, suggestions: [{ messageId: 'cancelInFinally', output: cancelled }] }],
      },
    ],
  });
}

// Plain JavaScript under espree: the same shape, the same finding.
const javascript = (code: string) => code.replace('url: string', 'url').replace('response.body!', 'response.body');
espreeTester.run('no-uncancelled-reader (espree)', rule, {
  valid: [javascript(cancelled)],
  invalid: [
    {
      code: javascript(released),
      errors: [{ messageId: 'uncancelledReader', suggestions: [{ messageId: 'cancelInFinally', output: javascript(cancelled) }] }],
    },
  ],
});
