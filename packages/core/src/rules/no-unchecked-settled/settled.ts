import type * as TS from 'typescript';

import { combinatorFix } from '../../lib/combinator-fix.js';
import { perCompiler, ts } from '../../lib/compiler.js';
import { taskscopeCallee } from '../../lib/runtime-api.js';
import { bindingPropertyName } from '../../lib/signal-slots.js';
import {
  calleeName,
  isFunctionExpressionLike,
  memberName,
  outermost,
  promiseCombinatorOf,
  unwrapExpression,
} from '../../lib/syntax.js';
import type { AnalysisContext, Fix, Review } from '../../lib/types.js';
import { blockStatements, declarationOf, referencesOf, returnedExpression } from '../../lib/value-flow.js';

/**
 * Whether anything reads the rejections an `allSettled` collected. Shared by
 * no-unchecked-settled and the codemod's `all-settled` transform.
 */

/** Which `allSettled` a call is: the built-in, taskscope's, or (typed) another function returning settled results. */
export type SettledCallee = 'Promise' | 'taskscope' | 'other';

/** `examined`: some code looks at rejected entries. `discarded`: the result is dropped outright. */
export type SettledUse = 'examined' | 'unchecked' | 'discarded';

export const UNCHECKED_SETTLED_REASON = 'allSettled results are never checked for rejections';

/**
 * `Promise.allSettled(…)` and taskscope's `allSettled(…)` (through the file's
 * imports) are known by shape. With a checker, any other call named
 * `allSettled` counts when it returns a promise of PromiseSettledResult entries.
 */
export function settledCallee(call: TS.CallExpression, context: AnalysisContext): SettledCallee | undefined {
  if (promiseCombinatorOf(call) === 'allSettled') return 'Promise';
  if (taskscopeCallee(call, context.sourceFile) === 'allSettled') return 'taskscope';
  const { checker } = context;
  if (calleeName(call) === 'allSettled' && checker && producesSettledResults(call, checker)) return 'other';
  return undefined;
}

/**
 * Follows the results of `call` (a promise of an array of settled entries)
 * and tells whether rejected entries are ever examined. Examining: comparing
 * an entry's `status` with 'rejected' (or `!==` 'fulfilled', or `=== 'fulfilled'`
 * with an `else` branch), a `switch` on it with a 'rejected' case or a default,
 * reading `reason` (also `'reason' in entry`), or handing the array, an entry
 * or its status to code this analysis can't see (a function argument, a return,
 * a property). The value is followed through `await`, `.then` callbacks,
 * variables (by symbol when typed, by name otherwise), `for…of`, array-method
 * callbacks (`forEach`, `map`, `filter`, `find`, `reduce`…), the arrays and
 * entries those methods return, indexing, and destructuring: when the array is
 * destructured into entries, every entry bound must be examined.
 */
export function settledResultsUse(call: TS.CallExpression, context: AnalysisContext): SettledUse {
  return settledUse(call, 'promise', { context, seen: new Set() });
}

/**
 * The codemod's and the rule's migration of one site: `Promise.allSettled` is
 * rewritten to taskscope's `allSettled` (see `combinatorFix`); a site whose
 * results are never checked also gets a review, whatever its callee, since the
 * rewrite does not add the missing check.
 */
export function allSettledMigration(
  call: TS.CallExpression,
  callee: SettledCallee,
  use: SettledUse,
  context: AnalysisContext,
): { fixes: Fix<'useAllSettled'>[]; review: Review | undefined } {
  const rewrite = callee === 'Promise' ? combinatorFix(call, context, { messageId: 'useAllSettled', transform: 'all-settled' }) : undefined;
  // taskscope's allSettled is worth a rewrite only where its cancellation reaches the work.
  const fix = rewrite?.delivery === 'none' ? undefined : rewrite;
  const review: Review | undefined =
    use === 'examined' ? undefined : { transform: 'all-settled', reason: UNCHECKED_SETTLED_REASON, node: call };
  return { fixes: fix ? [fix] : [], review };
}

/** What a value is, on its way from the call: the promise, the array, one entry, or an entry's `status`. */
type Flow = 'promise' | 'results' | 'entry' | 'status';

interface Walk {
  context: AnalysisContext;
  /** Bindings already followed, so assignments in a cycle end. */
  seen: Set<TS.Node>;
}

function settledUse(expression: TS.Expression, flow: Flow, walk: Walk): SettledUse {
  const node = outermost(expression);
  const parent = node.parent;
  if (ts.isExpressionStatement(parent) || ts.isVoidExpression(parent)) return 'discarded';
  if (ts.isAwaitExpression(parent)) return settledUse(parent, flow === 'promise' ? 'results' : flow, walk);
  if (ts.isVariableDeclaration(parent) && parent.initializer === node) return bindingUse(parent.name, flow, walk);
  if (isTruthinessTest(node)) return 'unchecked';
  if (ts.isConditionalExpression(parent) || (ts.isBinaryExpression(parent) && valueOperators().has(parent.operatorToken.kind))) {
    return settledUse(parent, flow, walk);
  }
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === node) {
    return assignmentUse(parent.left, flow, walk);
  }
  switch (flow) {
    case 'promise':
      return promiseUse(node, walk);
    case 'results':
      return resultsUse(node, walk);
    case 'entry':
      return entryUse(node, walk);
    case 'status':
      return statusUse(node);
  }
}

function promiseUse(node: TS.Expression, walk: Walk): SettledUse {
  const method = methodCalledOn(node);
  if (method?.name === 'then') {
    const [onFulfilled] = method.call.arguments;
    return onFulfilled ? callbackUse(onFulfilled, 0, 'results', walk) : settledUse(method.call, 'promise', walk);
  }
  if (method?.name === 'catch' || method?.name === 'finally') return settledUse(method.call, 'promise', walk);
  return 'examined';
}

const entryCallbackMethods: ReadonlySet<string> = new Set([
  'forEach',
  'map',
  'flatMap',
  'filter',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
]);
/** Methods returning (some of) the same entries as an array. */
const entryArrayMethods: ReadonlySet<string> = new Set(['slice', 'concat', 'reverse', 'sort', 'toSorted', 'toReversed']);
/** Methods returning one entry. */
const entryMethods: ReadonlySet<string> = new Set(['at', 'pop', 'shift']);
/** Methods that look at no entry's contents. */
const blindMethods: ReadonlySet<string> = new Set(['includes', 'indexOf', 'lastIndexOf', 'join', 'keys', 'toString']);

function resultsUse(node: TS.Expression, walk: Walk): SettledUse {
  const parent = node.parent;
  if (ts.isForOfStatement(parent) && parent.expression === node) {
    const [declaration] = ts.isVariableDeclarationList(parent.initializer) ? parent.initializer.declarations : [];
    return declaration ? bindingUse(declaration.name, 'entry', walk) : 'examined';
  }
  if (ts.isElementAccessExpression(parent) && parent.expression === node && !ts.isStringLiteralLike(parent.argumentExpression)) {
    return settledUse(parent, 'entry', walk);
  }
  const method = methodCalledOn(node);
  if (!method) return memberReadOn(node) !== undefined ? 'unchecked' : 'examined';
  const { name, call } = method;
  if (entryCallbackMethods.has(name) || name === 'reduce' || name === 'reduceRight') {
    const [callback] = call.arguments;
    const inCallback = callback ? callbackUse(callback, name.startsWith('reduce') ? 1 : 0, 'entry', walk) : 'unchecked';
    if (inCallback === 'examined') return inCallback;
    // What a filter or find keeps is examined only if it may hold rejected entries.
    const kept = name === 'filter' ? 'results' : name === 'find' || name === 'findLast' ? 'entry' : undefined;
    return kept && !(callback && keepsFulfilledOnly(callback)) ? settledUse(call, kept, walk) : 'unchecked';
  }
  if (entryArrayMethods.has(name)) return settledUse(call, 'results', walk);
  if (entryMethods.has(name)) return settledUse(call, 'entry', walk);
  return blindMethods.has(name) ? 'unchecked' : 'examined';
}

function entryUse(node: TS.Expression, walk: Walk): SettledUse {
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.InKeyword && parent.right === node) {
    const key = unwrapExpression(parent.left);
    return ts.isStringLiteralLike(key) && key.text !== 'reason' ? 'unchecked' : 'examined';
  }
  const member = memberReadOn(node);
  if (member === undefined || member === 'reason') return 'examined';
  return member === 'status' ? settledUse(parent as TS.Expression, 'status', walk) : 'unchecked';
}

function statusUse(node: TS.Expression): SettledUse {
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && equalityOperators().has(parent.operatorToken.kind)) {
    const other = unwrapExpression(parent.left === node ? parent.right : parent.left);
    if (!ts.isStringLiteralLike(other)) return 'examined';
    const selects = selectsRejected(other.text, parent.operatorToken.kind);
    if (selects === true) return 'examined';
    // `if (r.status === 'fulfilled') … else …`: the else branch is written for the rejected ones,
    // unless all it does is give a value in their place (the ternary's fallback in longer form).
    return selects === false && handlesInElse(parent) ? 'examined' : 'unchecked';
  }
  if (ts.isSwitchStatement(parent) && parent.expression === node) {
    const handlesRejected = parent.caseBlock.clauses.some((clause) => {
      if (ts.isDefaultClause(clause)) return true;
      const label = unwrapExpression(clause.expression);
      return !ts.isStringLiteralLike(label) || label.text === 'rejected';
    });
    return handlesRejected ? 'examined' : 'unchecked';
  }
  return 'examined';
}

/** `a ?? b`, `a || b`, and the right of `a && b`: the value passes through. */
const valueOperators = perCompiler(
  (): ReadonlySet<TS.SyntaxKind> =>
    new Set([
      ts.SyntaxKind.QuestionQuestionToken,
      ts.SyntaxKind.BarBarToken,
      ts.SyntaxKind.AmpersandAmpersandToken,
    ]),
);

/** `if (x)`, `x ? … : …`, `!x`, `x && …`, `while (x)`: only whether it is there is looked at. */
function isTruthinessTest(node: TS.Expression): boolean {
  const parent = node.parent;
  if (ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) return parent.expression === node;
  if (ts.isConditionalExpression(parent)) return parent.condition === node;
  if (ts.isPrefixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.ExclamationToken;
  return ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && parent.left === node;
}

/**
 * `(r) => r.status === 'fulfilled'` (or `!== 'rejected'`, or over `{ status }`):
 * a filter or find callback that keeps no rejected entry.
 */
function keepsFulfilledOnly(callback: TS.Expression): boolean {
  const fn = unwrapExpression(callback);
  const test = isFunctionExpressionLike(fn) ? returnedExpression(fn) : undefined;
  if (!test || !ts.isBinaryExpression(test) || !equalityOperators().has(test.operatorToken.kind)) return false;
  const left = unwrapExpression(test.left);
  const right = unwrapExpression(test.right);
  const [status, literal] = ts.isStringLiteralLike(right) ? [left, right] : [right, left];
  if (!ts.isStringLiteralLike(literal) || !(ts.isIdentifier(status) || memberName(status) === 'status')) return false;
  return selectsRejected(literal.text, test.operatorToken.kind) === false;
}

/** For `status <op> 'text'`: true when it selects rejected entries, false when fulfilled ones, undefined otherwise. */
function selectsRejected(text: string, operator: TS.SyntaxKind): boolean | undefined {
  if (text !== 'rejected' && text !== 'fulfilled') return undefined;
  const negated = operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
  return (text === 'rejected') !== negated;
}

const equalityOperators = perCompiler(
  (): ReadonlySet<TS.SyntaxKind> =>
    new Set([
      ts.SyntaxKind.EqualsEqualsEqualsToken,
      ts.SyntaxKind.EqualsEqualsToken,
      ts.SyntaxKind.ExclamationEqualsEqualsToken,
      ts.SyntaxKind.ExclamationEqualsToken,
    ]),
);

/**
 * Whether the code for the rejected entries does more than give a value in
 * their place: the `else` branch, or after `if (fulfilled) return …;` the
 * statements that follow it (an early return is an else in another form).
 */
function handlesInElse(condition: TS.Expression): boolean {
  const test = outermost(condition);
  const statement = ts.isIfStatement(test.parent) && test.parent.expression === test ? test.parent : undefined;
  if (!statement) return false;
  const otherwise = statement.elseStatement
    ? ts.isBlock(statement.elseStatement)
      ? [...statement.elseStatement.statements]
      : [statement.elseStatement]
    : statementsAfterExit(statement);
  return otherwise.length > 0 && !otherwise.every((other) => ts.isReturnStatement(other));
}

/**
 * The statements after `if (…) { …; return; }` in its block (or case clause,
 * or file), which run only when the test fails; declarations, which run
 * nothing there, left out.
 */
function statementsAfterExit(statement: TS.IfStatement): TS.Statement[] {
  const then = statement.thenStatement;
  const last = ts.isBlock(then) ? then.statements.at(-1) : then;
  const siblings = blockStatements(statement.parent);
  if (!last || !(ts.isReturnStatement(last) || ts.isThrowStatement(last)) || !siblings) return [];
  return siblings.slice(siblings.indexOf(statement) + 1).filter((sibling) => !isDeclaration(sibling));
}

function isDeclaration(statement: TS.Statement): boolean {
  return (
    ts.isFunctionDeclaration(statement) ||
    ts.isClassDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isEnumDeclaration(statement) ||
    ts.isModuleDeclaration(statement)
  );
}

/**
 * A binding of the value: every read of a name; for an array pattern over
 * the results, every entry it binds; for an object pattern over an entry,
 * `reason`, a `status` that is examined, or a rest element.
 */
function bindingUse(name: TS.BindingName, flow: Flow, walk: Walk): SettledUse {
  if (ts.isIdentifier(name)) {
    if (walk.seen.has(name)) return 'unchecked';
    walk.seen.add(name);
    const examined = referencesOf(name, walk.context).some((reference) => settledUse(reference, flow, walk) === 'examined');
    return examined ? 'examined' : 'unchecked';
  }
  if (ts.isArrayBindingPattern(name)) {
    if (flow !== 'results') return 'examined';
    const bound = name.elements.filter(ts.isBindingElement);
    const every = bound.every((element) => bindingUse(element.name, element.dotDotDotToken ? 'results' : 'entry', walk) === 'examined');
    return bound.length > 0 && every ? 'examined' : 'unchecked';
  }
  if (flow !== 'entry') return 'examined';
  const examined = name.elements.some((element) => {
    const key = bindingPropertyName(element);
    if (element.dotDotDotToken || key === undefined || key === 'reason') return true;
    return key === 'status' && bindingUse(element.name, 'status', walk) === 'examined';
  });
  return examined ? 'examined' : 'unchecked';
}

/** `results = …`: follow the variable assigned, or treat any other target (a property) as handing the value on. */
function assignmentUse(target: TS.Expression, flow: Flow, walk: Walk): SettledUse {
  const id = unwrapExpression(target);
  if (!ts.isIdentifier(id)) return 'examined';
  const declaration = declarationOf(id, walk.context);
  return declaration?.name && ts.isIdentifier(declaration.name) ? bindingUse(declaration.name, flow, walk) : 'examined';
}

/** An inline callback's parameter at `index`; a callback passed by name sees the value (it is handed on). */
function callbackUse(callback: TS.Expression, index: number, flow: Flow, walk: Walk): SettledUse {
  const fn = unwrapExpression(callback);
  if (!isFunctionExpressionLike(fn)) return 'examined';
  const parameter = fn.parameters[index];
  return parameter ? bindingUse(parameter.name, flow, walk) : 'unchecked';
}

/** `node.name(…)` / `node['name'](…)`. */
function methodCalledOn(node: TS.Expression): { name: string; call: TS.CallExpression } | undefined {
  const name = memberReadOn(node);
  const access = node.parent;
  const call = access.parent;
  return name !== undefined && ts.isCallExpression(call) && call.expression === access ? { name, call } : undefined;
}

/** The static member name read from `node` (`node.x`, `node['x']`), if its parent reads one. */
function memberReadOn(node: TS.Expression): string | undefined {
  const parent = node.parent;
  if (!(ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) || parent.expression !== node) return undefined;
  return memberName(parent);
}

/** Typed: the call's awaited result is an array whose entries include `{ status: 'rejected' }`. */
function producesSettledResults(call: TS.CallExpression, checker: TS.TypeChecker): boolean {
  const type = checker.getTypeAtLocation(call);
  const results = checker.getAwaitedType(type) ?? type;
  const entry = checker.getIndexTypeOfType(checker.getApparentType(results), ts.IndexKind.Number);
  if (!entry) return false;
  const parts = entry.isUnion() ? entry.types : [entry];
  return parts.some((part) => {
    const status = part.getProperty('status');
    const statusType = status && checker.getTypeOfSymbolAtLocation(status, call);
    return statusType !== undefined && statusType.isStringLiteral() && statusType.value === 'rejected';
  });
}
