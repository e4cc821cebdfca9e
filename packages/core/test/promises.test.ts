import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { declaredThenable, isPromiseValued } from '../src/lib/promises.js';
import { contextFor } from './typed-context.js';

const declarations = `
declare function work(): Promise<number>;
declare function count(): number;
declare function identity<T>(value: T): T;
declare function settle<T>(value: T): Promise<Awaited<T>>;
declare function either(fast: true): Promise<number>;
declare function either(fast: false): number;
`;

/** The last expression statement's expression, in a typed context. */
function lastExpression(code: string) {
  const context = contextFor(declarations + code, true);
  const statements = context.sourceFile.statements.filter(ts.isExpressionStatement);
  return { expression: statements[statements.length - 1]!.expression, context };
}

describe('declaredThenable: a call read from its callee, without resolving it', () => {
  it.each([
    ['a declared promise', 'work();', true],
    ['a generic whose return type is a promise of anything', 'settle(1);', true],
    ['a declared number', 'count();', false],
    ['a constructor of a generic class', 'new Set([1, 2].map((n) => n * 2));', false],
    ['a generic method returning an array', '[1].map((n) => work());', false],
    ['a return type that is a type argument', 'identity(work());', undefined],
    ['overloads that disagree', 'either(true);', undefined],
    ['a callee of unknown type', 'undeclared();', undefined],
  ])('%s', (_, code, expected) => {
    const { expression, context } = lastExpression(code);
    expect(declaredThenable(context.checker!, expression)).toBe(expected);
  });

  it('leaves the cases it cannot settle to the resolved call', () => {
    const { expression, context } = lastExpression('identity(work());');
    expect(isPromiseValued(expression, context)).toBe(true);
    const other = lastExpression('either(false);');
    expect(isPromiseValued(other.expression, other.context)).toBe(false);
  });
});
