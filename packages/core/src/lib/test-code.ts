// Test code is judged as test code: what it starts is local or mocked and ends
// with the test, and a failure fails the test (runners report unhandled
// rejections too). What does go wrong there is a dropped assertion: an
// `expect(p).rejects…` nobody awaits never fails anything.
import type * as TS from 'typescript';

import { ts } from './compiler.js';
import { someNode } from './syntax.js';

/**
 * Test files by name: `*.test.*`, `*.spec.*`, `*.test-d.*` (type tests, never
 * run), and anything under a `__tests__`, `__mocks__` or `__fixtures__`
 * folder. Plain `test/` folders are not matched: the path is absolute, and a
 * checkout may itself live under one.
 */
const testPath = /(?:\.(?:test|spec|test-d)\.[cm]?[jt]sx?$)|(?:[\\/](?:__tests__|__mocks__|__fixtures__)[\\/])/;

export function isTestFile(sourceFile: TS.SourceFile): boolean {
  return testPath.test(sourceFile.fileName);
}

/** An expression that asserts when it settles: it calls `expect(…)` (`expect(p).rejects.toThrow()`, `p.then((v) => expect(v)…)`). */
export function isAssertion(expression: TS.Expression): boolean {
  return someNode(expression, (node) => ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'expect');
}
