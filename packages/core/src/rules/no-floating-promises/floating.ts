import type * as TS from 'typescript';

import { perCompiler, ts } from '../../lib/compiler.js';
import { declaredReturnTypes, declaredThenable, isThenableType, looksLikePromise } from '../../lib/promises.js';
import { canReject } from '../../lib/rejection.js';
import { RUNTIME_API, isOwnedSpawn, taskscopeCallee } from '../../lib/runtime-api.js';
import { spelling } from '../../lib/spelling.js';
import { isAsyncFunction, memberName, skipParentheses } from '../../lib/syntax.js';
import { unionMembers } from '../../lib/type-members.js';
import type { AnalysisContext } from '../../lib/types.js';
import { bindsName, blockStatements, lexicalBinding } from '../../lib/value-flow.js';

/**
 * What leaves a promise without an owner: nothing awaits it, returns it, hands
 * it on or handles its rejection. Owned by no-floating-promises; its fixes
 * (the `floating` transform) live in scope-fix.ts.
 */
export interface FloatingOptions {
  /** `void promise` is an accepted way to discard a promise. */
  ignoreVoid: boolean;
  /** A `.catch(handler)` / `.then(ok, handler)` still floats: nothing waits for it. */
  checkHandled: boolean;
}

/**
 * How a statement's value floats: a promise, a promise behind `void`, an array
 * of promises, or a promise whose rejection handler is not a function.
 */
export type FloatingKind = 'promise' | 'handled' | 'void' | 'array' | 'uselessHandler';

/**
 * Why the value of expression statement `expression` floats, or undefined when
 * it does not. `moduleLevel`: the statement runs in no function (a top-level
 * `if` block too), where a handled `main().catch(report)` is the program's
 * entry point and always fine.
 */
export function floatingKind(
  expression: TS.Expression,
  context: AnalysisContext,
  options: FloatingOptions,
  moduleLevel: boolean,
): FloatingKind | undefined {
  const node = skipParentheses(expression);
  if (ts.isAwaitExpression(node)) return undefined;
  if (ts.isVoidExpression(node)) {
    if (options.ignoreVoid) return undefined;
    const inner = floatingKind(node.expression, context, options, moduleLevel);
    return inner === 'promise' ? 'void' : inner;
  }
  if (ts.isConditionalExpression(node)) {
    return (
      floatingKind(node.whenTrue, context, options, moduleLevel) ??
      floatingKind(node.whenFalse, context, options, moduleLevel)
    );
  }
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.CommaToken || isLogicalOperator(operator)) {
      // Either side may be the promise that ends up discarded.
      return (
        floatingKind(node.left, context, options, moduleLevel) ??
        floatingKind(node.right, context, options, moduleLevel)
      );
    }
    if (operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment) return undefined;
  }
  // `i++`, `!x`, `-x`: numbers and booleans, spared a type query.
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) return undefined;
  if (ts.isCallExpression(node) && isOwnedSpawn(node, context)) return undefined;
  const value = valueKind(node, context);
  return value === 'promise' && ts.isCallExpression(node) ? callKind(node, context, options, moduleLevel) : value;
}

// Typed, the type is asked for once, and plain values (most statements) are ruled out on its flags alone. A
// value whose type is unknown (`any` from a package that isn't installed) is read by its shape, as without types.
function valueKind(node: TS.Expression, context: AnalysisContext): 'promise' | 'array' | undefined {
  const { checker } = context;
  if (checker && declaredReturnTypes(checker, node)?.every((type) => isPlainValue(type) && (type.flags & ts.TypeFlags.Any) === 0)) return undefined;
  const type = checker?.getTypeAtLocation(node);
  if (!checker || !type || (type.flags & ts.TypeFlags.Any) !== 0) {
    const syntactic = { ...context, checker: undefined };
    return isPromise(node, syntactic) ? 'promise' : isPromiseArray(node, syntactic) ? 'array' : undefined;
  }
  if (isPlainValue(type)) return undefined;
  if (isThenableType(checker, type, node)) return 'promise';
  return isPromiseArrayType(checker, type, node) ? 'array' : undefined;
}

// The shared `isThenableType` (what `isPromiseValued` asks), after a cheap look at the type's flags.
function isThenable(checker: TS.TypeChecker, type: TS.Type, at: TS.Node): boolean {
  return !isPlainValue(type) && isThenableType(checker, type, at);
}

// Primitives, `void`, `any` and their unions: what most statements evaluate to.
function isPlainValue(type: TS.Type): boolean {
  return unionMembers(type).every((part) => (part.flags & plainValueFlags()) !== 0);
}

const plainValueFlags = perCompiler(
  () =>
    ts.TypeFlags.Any |
    ts.TypeFlags.Unknown |
    ts.TypeFlags.Void |
    ts.TypeFlags.Undefined |
    ts.TypeFlags.Null |
    ts.TypeFlags.Never |
    ts.TypeFlags.StringLike |
    ts.TypeFlags.NumberLike |
    ts.TypeFlags.BooleanLike |
    ts.TypeFlags.BigIntLike |
    ts.TypeFlags.ESSymbolLike,
);

/**
 * Whether the floating promise in `expression` is also its value, so that
 * awaiting or spawning the whole expression owns it: `c ? p() : x` and
 * `c && p()` carry it, `p() && x`, `p(), x` and `c || void p()` lose it.
 */
export function carriesFloating(expression: TS.Expression, context: AnalysisContext, options: FloatingOptions): boolean {
  const node = skipParentheses(expression);
  const carried = (part: TS.Expression): boolean =>
    floatingKind(part, context, options, false) === undefined || carriesFloating(part, context, options);
  if (ts.isVoidExpression(node)) return false;
  if (ts.isConditionalExpression(node)) return carried(node.whenTrue) && carried(node.whenFalse);
  if (!ts.isBinaryExpression(node)) return true;
  const operator = node.operatorToken.kind;
  if (operator === ts.SyntaxKind.CommaToken || operator === ts.SyntaxKind.AmpersandAmpersandToken) {
    // The left side is evaluated and then dropped (a promise is truthy).
    return floatingKind(node.left, context, options, false) === undefined && carried(node.right);
  }
  if (isLogicalOperator(operator)) return carried(node.left) && carried(node.right);
  return true;
}

// A promise-valued call: `.catch(handler)` and `.then(ok, handler)` handle it, `.finally()` passes its receiver's state on.
function callKind(
  call: TS.CallExpression,
  context: AnalysisContext,
  options: FloatingOptions,
  moduleLevel: boolean,
): FloatingKind | undefined {
  const method = memberName(skipParentheses(call.expression));
  const handlerIndex = method === 'catch' ? 0 : method === 'then' ? 1 : undefined;
  const handler = handlerIndex === undefined ? undefined : call.arguments[handlerIndex];
  if (handler && !ts.isSpreadElement(handler)) {
    if (!isFunctionValue(handler, context)) return 'uselessHandler';
    // A handler that throws (or returns a rejection) hands the failure on: the chain still floats.
    if (canReject(call, context)) return 'promise';
    // `this.ready.catch(() => {})` only marks a promise held elsewhere as handled: its owner is whoever holds it.
    return options.checkHandled && !moduleLevel && startsWorkHere(call) ? 'handled' : undefined;
  }
  if (method === 'finally') {
    const receiver = (skipParentheses(call.expression) as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression;
    return floatingKind(receiver, context, options, moduleLevel);
  }
  return 'promise';
}

/** Whether the head of a `.then/.catch/.finally` chain is a call or `new`: work this statement starts. */
function startsWorkHere(chain: TS.CallExpression): boolean {
  let node: TS.Expression = chain;
  while (ts.isCallExpression(node) && promiseMethods.has(memberName(skipParentheses(node.expression)) ?? '')) {
    node = skipParentheses((skipParentheses(node.expression) as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression);
  }
  return ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node) || ts.isAwaitExpression(node);
}

const promiseMethods: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/** Array methods that hand back elements the array already held. */
const takesOut: ReadonlySet<string> = new Set(['pop', 'shift', 'splice', 'slice', 'filter', 'concat', 'at', 'find', 'findLast', 'reverse', 'sort', 'toSorted', 'toReversed', 'toSpliced', 'flat']);

/**
 * A promise that can't reject unobserved: a `.catch(handler)` / `.then(ok,
 * handler)` chain, or a `new Promise` whose executor takes no `reject`.
 */
function cannotRejectUnhandled(expression: TS.Expression): boolean {
  const node = skipParentheses(expression);
  if (ts.isNewExpression(node)) {
    const executor = node.arguments?.[0] && skipParentheses(node.arguments[0]);
    return executor !== undefined && (ts.isArrowFunction(executor) || ts.isFunctionExpression(executor)) && executor.parameters.length < 2;
  }
  if (!ts.isCallExpression(node)) return false;
  const method = memberName(skipParentheses(node.expression));
  return (method === 'catch' && node.arguments.length >= 1) || (method === 'then' && node.arguments.length >= 2);
}

function isLogicalOperator(kind: TS.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.AmpersandAmpersandToken ||
    kind === ts.SyntaxKind.BarBarToken ||
    kind === ts.SyntaxKind.QuestionQuestionToken
  );
}

/**
 * Whether `expression` is a promise: typed, a thenable type (the shared
 * `isThenableType`, which `isPromiseValued` uses); without types, the shared
 * `looksLikePromise` shapes, plus promises the taskscope runtime returns and
 * `const` bindings to promise shapes.
 */
export function isPromise(expression: TS.Expression, context: AnalysisContext): boolean {
  const { checker } = context;
  if (checker) return declaredThenable(checker, expression) ?? isThenable(checker, checker.getTypeAtLocation(expression), expression);
  const node = skipParentheses(expression);
  if (ts.isCallExpression(node)) {
    // `Promise.withResolvers()` returns an object holding a promise, not a promise.
    if (memberName(skipParentheses(node.expression)) === 'withResolvers') return false;
    const runtimeExport = taskscopeCallee(node, context.sourceFile);
    if (runtimeExport !== undefined && RUNTIME_API[runtimeExport]?.resolves === true) return true;
  }
  if (ts.isIdentifier(node)) {
    const binding = lexicalBinding(node);
    return (
      binding !== undefined &&
      ts.isVariableDeclaration(binding) &&
      (binding.parent.flags & ts.NodeFlags.Const) !== 0 &&
      binding.initializer !== undefined &&
      !ts.isIdentifier(skipParentheses(binding.initializer)) &&
      isPromise(binding.initializer, context)
    );
  }
  return looksLikePromise(node, context.sourceFile);
}

/**
 * An array (or tuple) holding promises, whose rejections nobody handles:
 * typed, by element type; without types, an array literal with a promise
 * element or a `.map` whose callback returns a promise.
 */
export function isPromiseArray(expression: TS.Expression, context: AnalysisContext): boolean {
  const { checker } = context;
  if (checker) return isPromiseArrayType(checker, checker.getTypeAtLocation(expression), expression);
  const node = skipParentheses(expression);
  if (ts.isArrayLiteralExpression(node)) {
    return node.elements.some((element) => !ts.isSpreadElement(element) && isPromise(element, context));
  }
  if (ts.isCallExpression(node) && memberName(skipParentheses(node.expression)) === 'map') {
    const callback = node.arguments[0] && skipParentheses(node.arguments[0]);
    if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return false;
    return isAsyncFunction(callback) || (!ts.isBlock(callback.body) && isPromise(callback.body, context));
  }
  return false;
}

function isPromiseArrayType(checker: TS.TypeChecker, type: TS.Type, at: TS.Node): boolean {
  // `stack.pop()`, `queue.splice(0, n)`: promises already held somewhere, taken out, not started here.
  if (ts.isCallExpression(at) && takesOut.has(memberName(skipParentheses(at.expression)) ?? '')) return false;
  return unionMembers(type).some((part) =>
    unionMembers(checker.getApparentType(part)).some((candidate) => {
      if (checker.isTupleType(candidate)) {
        return checker.getTypeArguments(candidate as TS.TypeReference).some((t) => isThenableType(checker, t, at));
      }
      if (!checker.isArrayType(candidate)) return false;
      const element = checker.getTypeArguments(candidate as TS.TypeReference)[0];
      return element !== undefined && isThenableType(checker, element, at);
    }),
  );
}

// A rejection handler counts when it can be called. Typed: its type has call signatures (or is `any`).
function isFunctionValue(handler: TS.Expression, context: AnalysisContext): boolean {
  const { checker } = context;
  if (checker) {
    const type = checker.getTypeAtLocation(handler);
    return (type.flags & ts.TypeFlags.Any) !== 0 || type.getCallSignatures().length > 0;
  }
  const node = skipParentheses(handler);
  if (ts.isIdentifier(node)) return node.text !== 'undefined';
  return !(
    ts.isLiteralExpression(node) ||
    ts.isVoidExpression(node) ||
    ts.isObjectLiteralExpression(node) ||
    ts.isArrayLiteralExpression(node) ||
    ts.isTemplateExpression(node) ||
    node.kind === ts.SyntaxKind.NullKeyword ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword
  );
}

/**
 * The function whose body `node` runs in, or a class static block (which is
 * synchronous). Undefined at module level.
 */
export function ownerFunction(node: TS.Node): TS.SignatureDeclaration | TS.ClassStaticBlockDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current) || ts.isClassStaticBlockDeclaration(current)) return current;
  }
  return undefined;
}

/** How a `const`/`let` promise variable goes wrong. */
export type VariableVerdict =
  | { kind: 'unused'; references: readonly TS.Identifier[] }
  | { kind: 'tooLate'; references: readonly TS.Identifier[]; consumer: TS.Identifier };

/**
 * A `const p = work()` / `let p = work()` that starts a promise and then
 * either never awaits, returns or hands it on (`unused`), or does so only
 * after another `await` in the same function (`tooLate`): had that await
 * thrown, or had `p` rejected meanwhile, `p`'s rejection would go unhandled.
 */
export function promiseVariableVerdict(
  declaration: TS.VariableDeclaration,
  context: AnalysisContext,
): VariableVerdict | undefined {
  const { name, initializer } = declaration;
  if (!ts.isIdentifier(name) || !initializer) return undefined;
  const start = skipParentheses(initializer);
  // Only where work starts: aliasing an existing promise (`const p = this.ready`) is someone else's.
  if (!ts.isCallExpression(start) && !ts.isNewExpression(start) && !ts.isTaggedTemplateExpression(start)) return undefined;
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || !ts.isVariableStatement(list.parent)) return undefined;
  if ((list.flags & ts.NodeFlags.BlockScoped) === 0 || (list.flags & ts.NodeFlags.Using) !== 0) return undefined;
  const statement = list.parent;
  if (statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DeclareKeyword)) {
    return undefined;
  }
  if (ts.isCallExpression(start) && isOwnedSpawn(start, context)) return undefined;
  // Both the promise test and the references rule out most declarations. Without types the
  // test is the cheaper; with types its query costs more than following the references,
  // unless a reference reads a member, whose query would resolve the same type once per read.
  let promise: boolean | undefined;
  const startsPromise = () => (promise ??= isPromise(initializer, context));
  if (!context.checker && !startsPromise()) return undefined;
  const verdict = referenceVerdict(declaration, name, statement, context, startsPromise);
  return verdict && startsPromise() ? verdict : undefined;
}

/** What the references to a variable holding a promise do wrong, if anything. */
function referenceVerdict(
  declaration: TS.VariableDeclaration,
  name: TS.Identifier,
  statement: TS.VariableStatement,
  context: AnalysisContext,
  startsPromise: () => boolean,
): VariableVerdict | undefined {
  const container = ts.isCaseClause(statement.parent) || ts.isDefaultClause(statement.parent) ? statement.parent.parent : statement.parent;
  const references = identifierReferences(container, declaration, name, context.sourceFile);
  if (references.some(readsOwnMember) && !startsPromise()) return undefined;
  const uses = references.map((reference) => promiseUse(reference, context));
  if (uses.includes('write')) return undefined;
  const consumer = references[uses.indexOf('consume')];
  if (!consumer) return { kind: 'unused', references };
  const owner = ownerFunction(declaration);
  if (ownerFunction(consumer) !== owner || cannotRejectUnhandled(declaration.initializer!)) return undefined;
  return suspendsBetween(container, declaration.end, consumer, owner, references) ? { kind: 'tooLate', references, consumer } : undefined;
}

/**
 * An `await` (or `for await`, `await using`) of the same function, after
 * `from` and before `consumer` is evaluated, on something other than the
 * variable itself (`await p.asResponse()` waits on p's own work).
 */
function suspendsBetween(
  container: TS.Node,
  from: number,
  consumer: TS.Node,
  owner: TS.Node | undefined,
  references: readonly TS.Identifier[],
): boolean {
  const until = consumer.getStart();
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found || node.end <= from || node.pos >= until) return;
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    const suspends =
      ts.isAwaitExpression(node) ||
      (ts.isForOfStatement(node) && node.awaitModifier !== undefined) ||
      (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.AwaitUsing) === ts.NodeFlags.AwaitUsing);
    if (suspends && node.getStart() > from && !isAncestor(node, consumer) && ownerFunction(node) === owner && !references.some((r) => isAncestor(node, r))) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(container);
  return found;
}

function isAncestor(ancestor: TS.Node, node: TS.Node): boolean {
  for (let current: TS.Node | undefined = node; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

/**
 * The identifiers in `container` that refer to `declaration`, in source order.
 * Scopes that declare the same name again are skipped (shadowing).
 */
function identifierReferences(
  container: TS.Node,
  declaration: TS.VariableDeclaration,
  name: TS.Identifier,
  sourceFile: TS.SourceFile,
): TS.Identifier[] {
  const references: TS.Identifier[] = [];
  const maySpellName = spelling(sourceFile, name.text);
  const visit = (node: TS.Node): void => {
    // A subtree that doesn't spell the name neither refers to it nor redeclares it.
    if (!maySpellName(node)) return;
    if (node !== container && redeclares(node, name.text, declaration)) return;
    if (ts.isIdentifier(node) && node !== name && node.text === name.text && isValueReference(node)) references.push(node);
    ts.forEachChild(node, visit);
  };
  visit(container);
  return references;
}

// Whether `node` opens a scope with its own binding of `name`.
function redeclares(node: TS.Node, name: string, declaration: TS.VariableDeclaration): boolean {
  if (ts.isFunctionLike(node)) {
    if (node.parameters.some((p) => bindsName(p.name, name))) return true;
    if (ts.isFunctionExpression(node) && node.name?.text === name) return true;
  }
  if (ts.isCatchClause(node) && node.variableDeclaration && bindsName(node.variableDeclaration.name, name)) return true;
  if ((ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node)) && node.initializer) {
    if (ts.isVariableDeclarationList(node.initializer) && node.initializer.declarations.some((d) => bindsName(d.name, name))) return true;
  }
  const statements = ts.isCaseBlock(node) ? node.clauses.flatMap((c) => [...c.statements]) : blockStatements(node);
  return (
    statements?.some((statement) => {
      if (ts.isVariableStatement(statement)) {
        return statement.declarationList.declarations.some((d) => d !== declaration && bindsName(d.name, name));
      }
      return (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === name;
    }) ?? false
  );
}

// Identifiers that name a property, a label or a declaration are not references to a variable.
function isValueReference(identifier: TS.Identifier): boolean {
  const parent = identifier.parent;
  if (ts.isShorthandPropertyAssignment(parent) || ts.isExportSpecifier(parent)) return true;
  if (ts.isQualifiedName(parent)) return parent.left === identifier;
  if (ts.isBindingElement(parent) && parent.propertyName === identifier) return false;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  if (ts.isTypeReferenceNode(parent) || ts.isImportSpecifier(parent)) return false;
  return (parent as { name?: TS.Node }).name !== identifier;
}

// `p.status` (not `p.then`): a read that `promiseUse` asks the checker about.
function readsOwnMember(reference: TS.Identifier): boolean {
  const parent = reference.parent;
  return ts.isPropertyAccessExpression(parent) && parent.expression === reference && !promiseMethods.has(parent.name.text);
}

type Use = 'consume' | 'write' | 'other';

/**
 * What a reference does with the promise. It is consumed when awaited,
 * returned, yielded, passed to a call, stored elsewhere, chained with
 * `.then/.catch/.finally`, used through another member its type has, or used
 * as a statement of its own (which the statement check reports). Containers
 * (`[p]`, `{ p }`, `c ? p : q`) pass the question on to where they end up.
 */
function promiseUse(reference: TS.Identifier, context: AnalysisContext): Use {
  let node: TS.Node = reference;
  for (;;) {
    const parent = node.parent;
    const passesThrough =
      ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isSatisfiesExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      ts.isTypeAssertionExpression(parent) ||
      ts.isArrayLiteralExpression(parent) ||
      ts.isObjectLiteralExpression(parent) ||
      ts.isSpreadElement(parent) ||
      ts.isSpreadAssignment(parent) ||
      ts.isShorthandPropertyAssignment(parent) ||
      (ts.isPropertyAssignment(parent) && parent.initializer === node) ||
      (ts.isConditionalExpression(parent) && parent.condition !== node) ||
      (ts.isBinaryExpression(parent) && isLogicalOperator(parent.operatorToken.kind));
    if (!passesThrough) break;
    node = parent;
  }
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
    return parent.left === node ? 'write' : 'consume';
  }
  if (
    (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) &&
    (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken)
  ) {
    return 'write';
  }
  if (
    ts.isAwaitExpression(parent) ||
    ts.isReturnStatement(parent) ||
    ts.isThrowStatement(parent) ||
    (ts.isTemplateSpan(parent) && ts.isTaggedTemplateExpression(parent.parent.parent)) ||
    ts.isYieldExpression(parent) ||
    ts.isExpressionStatement(parent) ||
    ts.isVoidExpression(parent) ||
    ts.isJsxExpression(parent) ||
    ts.isExportAssignment(parent) ||
    ts.isExportSpecifier(parent) ||
    (ts.isArrowFunction(parent) && parent.body === node) ||
    ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== node) ||
    ((ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === node) ||
    (ts.isForOfStatement(parent) && parent.expression === node)
  ) {
    return 'consume';
  }
  if (ts.isPropertyAccessExpression(parent) && parent.expression === node) {
    if (promiseMethods.has(parent.name.text)) return ts.isCallExpression(parent.parent) && parent.parent.expression === parent ? 'consume' : 'other';
    // A thenable used through a member of its own (`stream.text`, `runner.run()`) is an object in use: that API owns
    // its work. Typed only: the promise shapes known without types have no such members (`fetch(url).ok` forgot an await).
    return context.checker?.getSymbolAtLocation(parent.name) !== undefined ? 'consume' : 'other';
  }
  return 'other';
}
