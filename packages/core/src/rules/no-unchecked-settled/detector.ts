
import { ts } from '../../lib/compiler.js';
import { someTaskCanReject } from '../../lib/fan-out-verdict.js';
import { isTestFile } from '../../lib/test-code.js';
import type { Detector } from '../../lib/types.js';
import { allSettledMigration, settledCallee, settledResultsUse } from './settled.js';

/** Options of no-unchecked-settled's detector; the rule has none. */
export interface NoUncheckedSettledOptions {
  /** Also report in test files (see `isTestFile`). */
  checkTestFiles?: boolean;
  /**
   * Also rewrite `Promise.allSettled` calls whose results are examined (the
   * codemod's `all-settled` transform): a finding with the rewrite and no
   * review, which the rule never asks for and so never reports.
   */
  rewriteChecked?: boolean;
}

export type NoUncheckedSettledMessageId = 'discarded' | 'unchecked' | 'useAllSettled';

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
export const noUncheckedSettled: Detector<NoUncheckedSettledOptions, NoUncheckedSettledMessageId> = {
  rule: 'no-unchecked-settled',
  kinds: ['CallExpression'],
  messages: {
    discarded:
      'The result of `{{callee}}` is discarded, so every rejection it collected is silently lost. Check the entries for `status === "rejected"`, or use `all` if one failure should fail the whole.',
    unchecked:
      'The results of `{{callee}}` are never checked for rejected entries, so failures are silently dropped. Compare `status` with "rejected" or read `reason`.',
    useAllSettled:
      'Rewrite to taskscope `{{name}}` with cancellable tasks (the results still need a rejection check).',
  },
  optionsSchema: {
    type: 'object',
    properties: { checkTestFiles: { type: 'boolean', description: 'Also report in test files.' } },
    additionalProperties: false,
  },
  defaultOptions: { checkTestFiles: false },
  check(node, context, options) {
    if (!ts.isCallExpression(node)) return [];
    const callee = settledCallee(node, context);
    if (!callee) return [];
    const use = settledResultsUse(node, context);
    if (use === 'examined' && !options.rewriteChecked) return [];
    // Nothing is lost where no entry can be rejected, and a test's failures fail the test.
    const [iterable] = node.arguments;
    const quiet = (iterable !== undefined && !someTaskCanReject(iterable, context)) || (!options.checkTestFiles && isTestFile(context));
    if (quiet && use !== 'examined') return [];
    const { fixes, review } = allSettledMigration(node, callee, use, context);
    if (use === 'examined' && fixes.length === 0) return [];
    return [
      {
        rule: 'no-unchecked-settled',
        // An examined call is only rewritten (the codemod's rewriteChecked), never reported.
        messageId: use === 'discarded' ? 'discarded' : 'unchecked',
        data: { callee: node.expression.getText(context.sourceFile) },
        node: node.expression,
        fixes,
        review,
      },
    ];
  },
};
