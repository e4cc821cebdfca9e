import type * as TS from 'typescript';

import { ts } from './compiler.js';
import { spelling } from './spelling.js';
import { calleeName, isAsyncFunction, promiseCombinatorOf, skipParentheses } from './syntax.js';
import { unionMembers } from './type-members.js';
import type { AnalysisContext } from './types.js';

/**
 * Whether `expression` evaluates to a promise. With a checker: its type (or a
 * union member) has a callable `then`. Without: the documented syntactic
 * fallback, which only trusts shapes that are promises by construction.
 */
export function isPromiseValued(expression: TS.Expression, context: AnalysisContext): boolean {
  const { checker } = context;
  if (checker) return declaredThenable(checker, expression) ?? isThenableType(checker, checker.getTypeAtLocation(expression), expression);
  return looksLikePromise(expression, context.sourceFile);
}

/**
 * Whether a call or `new` returns a thenable, read from the callee's declared
 * signatures when they agree and none returns a type that depends on the
 * call's type arguments; undefined when only resolving the call can tell.
 * Resolving a call checks its arguments, callbacks' bodies included, which
 * asked of every call is most of a rule's time in an editor.
 */
export function declaredThenable(checker: TS.TypeChecker, expression: TS.Expression): boolean | undefined {
  const returns = declaredReturnTypes(checker, expression);
  if (!returns) return undefined;
  const thenable = returns.map((type) => isThenableType(checker, type, expression));
  return thenable.every(Boolean) ? true : thenable.some(Boolean) ? undefined : false;
}

/**
 * The return types of the signatures a call's (or `new`'s) callee declares,
 * when none depends on the call's type arguments (`T`, `Awaited<T>`): then the
 * call's own type is one of them, known without resolving the call.
 */
export function declaredReturnTypes(checker: TS.TypeChecker, expression: TS.Expression): readonly TS.Type[] | undefined {
  const node = skipParentheses(expression);
  if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return undefined;
  const callee = checker.getTypeAtLocation(node.expression);
  const signatures = ts.isNewExpression(node) ? callee.getConstructSignatures() : callee.getCallSignatures();
  if (signatures.length === 0) return undefined;
  const returns = signatures.map((signature) => checker.getReturnTypeOfSignature(signature));
  return returns.some(dependsOnTypeArguments) ? undefined : returns;
}

function dependsOnTypeArguments(type: TS.Type): boolean {
  return unionMembers(type).some((part) => (part.flags & ts.TypeFlags.Instantiable) !== 0 || (part.isIntersection() && part.types.some(dependsOnTypeArguments)));
}

export function isThenableType(checker: TS.TypeChecker, type: TS.Type, at: TS.Node): boolean {
  for (const part of unionMembers(checker.getApparentType(type))) {
    const then = part.getProperty('then');
    if (!then) continue;
    const thenType = checker.getTypeOfSymbolAtLocation(then, at);
    if (unionMembers(thenType).some((t) => t.getCallSignatures().some((s) => s.parameters.length >= 1))) return true;
  }
  return false;
}

/** Whether the type (or its apparent type) has a `[Symbol.asyncIterator]` member: something `for await` drives. */
export function isAsyncIterableType(checker: TS.TypeChecker, type: TS.Type): boolean {
  return checker
    .getApparentType(type)
    .getProperties()
    .some((property) => property.escapedName.toString().startsWith('__@asyncIterator'));
}

const promiseMethods: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/**
 * Syntactic promise shapes: `new Promise(…)`, `Promise.x(…)`, `x.then/catch/finally(…)`,
 * `fetch(…)`, an async IIFE, calls to functions declared `async` in this file, and
 * `expect(p).resolves…` / `.rejects…` assertions.
 */
export function looksLikePromise(expression: TS.Expression, sourceFile: TS.SourceFile): boolean {
  const node = skipParentheses(expression);
  if (ts.isAwaitExpression(node)) return false;
  if (ts.isNewExpression(node)) return ts.isIdentifier(node.expression) && node.expression.text === 'Promise';
  if (!ts.isCallExpression(node)) return false;
  if (promiseCombinatorOf(node) || isPromiseAssertion(node)) return true;
  const callee = skipParentheses(node.expression);
  if (isAsyncFunction(callee)) return true;
  const name = calleeName(node);
  if (name === undefined) return false;
  if (ts.isPropertyAccessExpression(callee) && promiseMethods.has(name)) return true;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise') {
    return name === 'resolve' || name === 'reject';
  }
  if (ts.isIdentifier(callee)) return name === 'fetch' || asyncFunctionNames(sourceFile).has(name);
  return false;
}

/** `expect(p).resolves.toBe(x)`, `expect(p).rejects.toThrow()`: an assertion that settles with `p`. */
function isPromiseAssertion(call: TS.CallExpression): boolean {
  for (let node: TS.Expression = skipParentheses(call.expression); ts.isPropertyAccessExpression(node) || ts.isCallExpression(node); ) {
    if (ts.isPropertyAccessExpression(node) && (node.name.text === 'resolves' || node.name.text === 'rejects')) {
      const subject = skipParentheses(node.expression);
      return ts.isCallExpression(subject) && ts.isIdentifier(subject.expression) && subject.expression.text === 'expect';
    }
    node = skipParentheses(node.expression);
  }
  return false;
}

const asyncNamesByFile = new WeakMap<TS.SourceFile, Set<string>>();

/** Names bound in this file to async functions: `async function f`, `const f = async () => …`. */
function asyncFunctionNames(sourceFile: TS.SourceFile): ReadonlySet<string> {
  let names = asyncNamesByFile.get(sourceFile);
  if (names) return names;
  const found = new Set<string>();
  const maySpellAsync = spelling(sourceFile, 'async');
  const visit = (node: TS.Node): void => {
    if (!maySpellAsync(node)) return; // nothing below is declared async
    if (ts.isFunctionDeclaration(node) && node.name && isAsyncFunction(node)) found.add(node.name.text);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const init = skipParentheses(node.initializer);
      if (isAsyncFunction(init)) found.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  names = found;
  asyncNamesByFile.set(sourceFile, names);
  return names;
}
