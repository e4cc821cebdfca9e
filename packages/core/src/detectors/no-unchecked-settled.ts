import ts from 'typescript';

import { allSettledMigration, settledCallee, settledResultsUse } from '../settled.js';
import type { Detector } from '../types.js';

/**
 * `allSettled` whose results are discarded or whose rejected entries are never
 * examined (see `settledResultsUse` for what examining means). Candidates:
 * `Promise.allSettled` and taskscope's `allSettled` by shape; typed, also any
 * call named `allSettled` that returns PromiseSettledResult entries.
 *
 * Fix (`all-settled`): `Promise.allSettled([...])` → taskscope `allSettled`
 * with task thunks. Every finding also carries a review, because the rewrite
 * keeps the results unchecked; the codemod applies the rewrite and the marker.
 */
export const noUncheckedSettled: Detector = {
  rule: 'no-unchecked-settled',
  kinds: [ts.SyntaxKind.CallExpression],
  defaultOptions: {},
  check(node, context) {
    if (!ts.isCallExpression(node)) return [];
    const callee = settledCallee(node, context);
    if (!callee) return [];
    const use = settledResultsUse(node, context);
    if (use === 'examined') return [];
    const { fixes, review } = allSettledMigration(node, callee, use, context);
    return [
      {
        rule: 'no-unchecked-settled',
        messageId: use,
        data: { callee: node.expression.getText(context.sourceFile) },
        node: node.expression,
        fixes,
        review,
      },
    ];
  },
};
