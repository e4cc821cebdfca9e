// The adapter between ESLint and the shared engine, exercised with a tiny
// detector so that it is tested apart from any real rule.
import ts from 'typescript';
import type { Detector } from '@taskscope/core';

import { createRule } from '../src/util/create-rule.js';
import { espreeTester, syntacticTester, typedTester } from './rule-tester.js';

const probe: Detector<Record<string, never>, 'typed' | 'untyped' | 'useAll'> = {
  rule: 'no-orphaned-fan-out',
  kinds: ['CallExpression'],
  messages: { typed: 'typed', untyped: 'untyped', useAll: 'use all' },
  defaultOptions: {},
  check(node, context) {
    if (!ts.isCallExpression(node) || node.expression.getText(context.sourceFile).replace(/[()]/g, '') !== 'Promise.all') return [];
    const callee = node.expression;
    return [
      {
        rule: 'no-orphaned-fan-out',
        messageId: context.checker ? 'typed' : 'untyped',
        node: callee,
        fixes: [
          {
            messageId: 'useAll',
            edits: [{ start: callee.getStart(), end: callee.end, text: 'all' }],
            imports: ['all'],
          },
        ],
      },
    ];
  },
};

const rule = createRule({
  detector: probe,
  type: 'problem',
  docs: { description: 'probe', recommended: 'recommended', requiresTypeChecking: false },
});

typedTester.run('analysis adapter (typed)', rule, {
  valid: ['Promise.race([a(), b()]);'],
  invalid: [
    {
      code: "import { map } from 'taskscope';\nPromise.all([a(), b()]);",
      errors: [
        {
          messageId: 'typed',
          line: 2,
          column: 1,
          endColumn: 12,
          suggestions: [{ messageId: 'useAll', output: "import { map, all } from 'taskscope';\nall([a(), b()]);" }],
        },
      ],
    },
  ],
});

syntacticTester.run('analysis adapter (syntactic)', rule, {
  valid: [],
  invalid: [
    {
      code: 'import x from "x";\n(Promise.all)([a(), b()]);',
      filename: 'react.tsx',
      errors: [
        {
          messageId: 'untyped',
          line: 2,
          column: 1,
          suggestions: [{ messageId: 'useAll', output: 'import x from "x";\nimport { all } from "taskscope";\nall([a(), b()]);' }],
        },
      ],
    },
  ],
});

espreeTester.run('analysis adapter (espree)', rule, {
  valid: [],
  invalid: [
    {
      code: 'async function f() {\n  await Promise.all([a(), <div />]);\n}',
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
      errors: [
        {
          messageId: 'untyped',
          line: 2,
          column: 9,
          suggestions: [
            { messageId: 'useAll', output: "import { all } from 'taskscope';\n\nasync function f() {\n  await all([a(), <div />]);\n}" },
          ],
        },
      ],
    },
  ],
});
