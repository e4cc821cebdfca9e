import type * as TS from 'typescript';

import { ts } from './compiler.js';
import { declaresName } from './runtime-imports.js';

/** The static `Promise` combinators the rules know about. */
export type PromiseCombinator = 'all' | 'allSettled' | 'race' | 'any';

const promiseCombinators: ReadonlySet<string> = new Set(['all', 'allSettled', 'race', 'any']);

/**
 * `Promise.all(…)` → 'all'; also `Promise['all'](…)` and `globalThis.Promise.all(…)`.
 * Not in a file that binds its own `Promise` (`import Promise from 'bluebird'`):
 * that one's combinators may behave differently.
 */
export function promiseCombinatorOf(node: TS.Node): PromiseCombinator | undefined {
  if (!ts.isCallExpression(node)) return undefined;
  const callee = skipParentheses(node.expression);
  const name = memberName(callee);
  if (name === undefined || !promiseCombinators.has(name)) return undefined;
  const object = skipParentheses((callee as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression);
  if (ts.isIdentifier(object) && object.text === 'Promise') {
    return declaresName(node.getSourceFile(), 'Promise') ? undefined : (name as PromiseCombinator);
  }
  const isGlobal =
    ts.isPropertyAccessExpression(object) &&
    object.name.text === 'Promise' &&
    ts.isIdentifier(object.expression) &&
    object.expression.text === 'globalThis';
  return isGlobal ? (name as PromiseCombinator) : undefined;
}

/** The property name of `a.b` or `a['b']`, if it is static. */
export function memberName(node: TS.Node): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    return node.argumentExpression.text;
  }
  return undefined;
}

/** The name a call's callee ends in: `f()` → 'f', `a.b.c()` → 'c'. */
export function calleeName(call: TS.CallExpression | TS.NewExpression): string | undefined {
  const callee = skipParentheses(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  return memberName(callee);
}

export function skipParentheses(node: TS.Expression): TS.Expression {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

/**
 * The innermost function-like node whose parameters or body hold `node` (not
 * `node` itself). A method's decorators and computed name are evaluated
 * outside it: its parameters are not in scope there, nor is it the function
 * an `await` there would belong to.
 */
export function enclosingFunction(node: TS.Node): TS.SignatureDeclaration | undefined {
  for (let child = node, current = node.parent; current; child = current, current = current.parent) {
    if (ts.isFunctionLike(current) && (ts.isParameter(child) || child === (current as { body?: TS.Node }).body)) return current;
  }
  return undefined;
}

export function isAsyncFunction(node: TS.Node | undefined): boolean {
  return (
    node !== undefined &&
    ts.isFunctionLike(node) &&
    (ts.getCombinedModifierFlags(node as TS.Declaration) & ts.ModifierFlags.Async) !== 0
  );
}

export function isFunctionExpressionLike(node: TS.Node): node is TS.ArrowFunction | TS.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

/** The statement that holds `node`, if any. */
export function enclosingStatement(node: TS.Node): TS.Statement | undefined {
  for (let current: TS.Node | undefined = node; current; current = current.parent) {
    if (isStatement(current)) return current;
  }
  return undefined;
}

function isStatement(node: TS.Node): node is TS.Statement {
  return ts.isStatement(node) || ts.isVariableStatement(node) || ts.isExpressionStatement(node);
}

/** Looks through parentheses, `as`, `satisfies`, `<T>x` and `x!`, which change no value. */
export function unwrapExpression(expression: TS.Expression): TS.Expression {
  let node = expression;
  for (;;) {
    if (
      ts.isParenthesizedExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isSatisfiesExpression(node) ||
      ts.isTypeAssertionExpression(node) ||
      ts.isNonNullExpression(node)
    ) {
      node = node.expression;
    } else {
      return node;
    }
  }
}

/** The outermost expression that is still just `expression`: through parentheses, `as`, `satisfies`, `<T>x` and `x!`. */
export function outermost(expression: TS.Expression): TS.Expression {
  let node = expression;
  while (
    ts.isParenthesizedExpression(node.parent) ||
    ts.isAsExpression(node.parent) ||
    ts.isSatisfiesExpression(node.parent) ||
    ts.isTypeAssertionExpression(node.parent) ||
    ts.isNonNullExpression(node.parent)
  ) {
    node = node.parent;
  }
  return node;
}

/** `await x` → `x`, after the wrappers `unwrapExpression` skips: the expression whose value is awaited. */
export function withoutAwait(expression: TS.Expression): TS.Expression {
  const node = unwrapExpression(expression);
  return ts.isAwaitExpression(node) ? node.expression : node;
}

/** `outermost`, through any `await` around it too: the expression a value finally ends up in. */
export function outermostAwaited(node: TS.Expression): TS.Expression {
  let current = outermost(node);
  while (ts.isAwaitExpression(current.parent)) current = outermost(current.parent);
  return current;
}

/** Whether `root` or a node below it passes `test`. */
export function someNode(root: TS.Node, test: (node: TS.Node) => boolean): boolean {
  const visit = (node: TS.Node): boolean => test(node) || (ts.forEachChild(node, visit) ?? false);
  return visit(root);
}

/** Whether an identifier in `root` (itself included) spells one of `names`: a reference, a binding or a property name alike. */
export function mentions(root: TS.Node, names: string | ReadonlySet<string>): boolean {
  const spelled = typeof names === 'string' ? (text: string) => text === names : (text: string) => names.has(text);
  return someNode(root, (node) => ts.isIdentifier(node) && spelled(node.text));
}

/** A `.js`, `.jsx`, `.mjs` or `.cjs` file: no type annotations may be written there. */
export function isJavaScriptFile(sourceFile: TS.SourceFile): boolean {
  return /\.[cm]?jsx?$/.test(sourceFile.fileName);
}
