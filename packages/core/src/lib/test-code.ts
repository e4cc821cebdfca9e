// Test and example code is judged for what it is. What a test starts is local
// or mocked and ends with the test, and a failure fails the test (runners
// report unhandled rejections too); what does go wrong there is a dropped
// assertion: an `expect(p).rejects…` nobody awaits never fails anything.
// Example code shows an API in a few lines, leaves error handling out on
// purpose and is run by hand: a failure ends the demo with the error printed.
import type * as TS from 'typescript';

import { ts } from './compiler.js';
import { someNode } from './syntax.js';
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

/** Example files: anything under an `examples`, `example`, `demo`, `demos` or `samples` folder below the context's root. */
const exampleFolder = /(?:^|\/)(?:examples?|demos?|samples)\//;

export function isExampleFile(context: Pick<AnalysisContext, 'sourceFile' | 'root'>): boolean {
  return exampleFolder.test(belowRoot(context.sourceFile.fileName.replaceAll('\\', '/'), context.root));
}

// The part of `file` below `root` ('' when it isn't below it: folders above the root say nothing).
function belowRoot(file: string, root: string | undefined): string {
  const prefix = root?.replaceAll('\\', '/').replace(/\/?$/, '/');
  return prefix !== undefined && file.startsWith(prefix) ? file.slice(prefix.length) : '';
}

/** An expression that asserts when it settles: it calls `expect(…)` (`expect(p).rejects.toThrow()`, `p.then((v) => expect(v)…)`). */
export function isAssertion(expression: TS.Expression): boolean {
  return someNode(expression, (node) => ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'expect');
}
