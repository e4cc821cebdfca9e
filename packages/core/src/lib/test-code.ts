// Test and example code is judged for what it is. What a test starts is local
// or mocked and ends with the test, and a failure fails the test (runners
// report unhandled rejections too); what does go wrong there is a dropped
// assertion: an `expect(p).rejects…` nobody awaits never fails anything.
// Example code shows an API in a few lines, leaves error handling out on
// purpose and is run by hand: a failure ends the demo with the error printed.
import type * as TS from 'typescript';

import { ts } from './compiler.js';
import { skipParentheses, someNode } from './syntax.js';
import type { AnalysisContext } from './types.js';

/**
 * Test files: `*.test.*`, `*.spec.*`, `*.test-d.*` (type tests, never run), and
 * anything under a `__tests__`, `__mocks__`, `__fixtures__`, `test`, `tests` or
 * `e2e` folder below the context's root (the path above it says nothing about
 * the project).
 */
const testName = /\.(?:test|spec|test-d)\.[cm]?[jt]sx?$/;
const testFolder = /(?:^|\/)(?:__tests__|__mocks__|__fixtures__|tests?|e2e)\//;

export function isTestFile(context: Pick<AnalysisContext, 'sourceFile' | 'root'>): boolean {
  return isTestPath(context.sourceFile.fileName, context.root);
}

/** `isTestFile` for a path: the codemod leaves test files out of a migration by default. */
export function isTestPath(fileName: string, root: string | undefined): boolean {
  const file = fileName.replaceAll('\\', '/');
  return testName.test(file) || testFolder.test(belowRoot(file, root));
}

/** Example files: `*.example(s).*`, and anything under an `examples`, `example`, `demo`, `demos` or `samples` folder below the context's root. */
const exampleName = /\.examples?\.[cm]?[jt]sx?$/;
const exampleFolder = /(?:^|\/)(?:examples?|demos?|samples)\//;

export function isExampleFile(context: Pick<AnalysisContext, 'sourceFile' | 'root'>): boolean {
  const file = context.sourceFile.fileName.replaceAll('\\', '/');
  return exampleName.test(file) || exampleFolder.test(belowRoot(file, context.root));
}

// The part of `file` below `root` ('' when it isn't below it: folders above the root say nothing).
function belowRoot(file: string, root: string | undefined): string {
  const prefix = root?.replaceAll('\\', '/').replace(/\/?$/, '/');
  return prefix !== undefined && file.startsWith(prefix) ? file.slice(prefix.length) : '';
}

/**
 * An expression that asserts when it settles: an `expect(p).resolves…` /
 * `.rejects…` chain, or a `.then` / `.catch` / `.finally` chain whose
 * callbacks call `expect(…)`. An `expect` elsewhere in it (inside a callback
 * the work is given) asserts on something else.
 */
export function isAssertion(expression: TS.Expression): boolean {
  let node = skipParentheses(expression);
  while (ts.isCallExpression(node)) {
    const callee = skipParentheses(node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    const method = callee.name.text;
    if (method === 'then' || method === 'catch' || method === 'finally') {
      if (node.arguments.some((callback) => someNode(callback, isExpectCall))) return true;
      node = skipParentheses(callee.expression);
      continue;
    }
    // `expect(p).rejects.toThrow()`: the matcher's receiver chain holds `.resolves` / `.rejects` on `expect(…)`.
    for (let part: TS.Expression = callee; ts.isPropertyAccessExpression(part); part = skipParentheses(part.expression)) {
      if ((part.name.text === 'resolves' || part.name.text === 'rejects') && isExpectCall(skipParentheses(part.expression))) return true;
    }
    return false;
  }
  return false;
}

function isExpectCall(node: TS.Node): boolean {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'expect';
}
