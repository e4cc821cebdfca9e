import type * as TS from 'typescript';

import { inCleanup } from '../../lib/cleanup.js';
import { perCompiler, ts } from '../../lib/compiler.js';
import { isAsyncIterableType, isThenableType } from '../../lib/promises.js';
import { RUNTIME_API, taskscopeCallee } from '../../lib/runtime-api.js';
import { isWrittenAs, signalInScope, signalReferences, type SignalInScope } from '../../lib/signal-in-scope.js';
import { isAbortSignalType, isSdkRequest, passSignalEdit, passesSignal, signalSlot, type SignalSlot } from '../../lib/signal-slots.js';
import { calleeName, enclosingFunction, memberName, skipParentheses, someNode, unwrapExpression } from '../../lib/syntax.js';
import { unionMembers } from '../../lib/type-members.js';
import { isTestFile } from '../../lib/test-code.js';
import type { AnalysisContext, Detector, Finding, Fix } from '../../lib/types.js';
import { declarationOf } from '../../lib/value-flow.js';

export type RequireSignalPropagationMessageId = 'missingSignal' | 'listenerOutlivesSignal' | 'passSignal';

/**
 * A call that accepts an AbortSignal (see `signalSlot`) made where one is in
 * scope (see `signalInScope`) without passing it: cancelling the surrounding
 * work leaves this call running.
 *
 * Not reported: calls that already pass a signal (through the slot, or any
 * argument that is the signal or a `.signal`, or, typed, an object exposing
 * its own signal such as a `Request`), calls that hand on the object the
 * signal comes from (`fetch(url, init)` where the signal is `init.signal`,
 * `{ ...options }`, a `const` made from it), calls on the signal itself
 * (`signal.addEventListener(…)`), calls whose slot can't be located, and,
 * typed, calls that start no asynchronous work (their result is neither a
 * promise nor an async iterable: a config merger), listener registrations
 * on other targets aside (a signal removes the listener), and (typed)
 * listeners on an object a function around the call made with `new`.
 * Syntactic fallback: `fetch` and same-file functions as callees (signals.ts),
 * with signals from parameters named `signal`, `{ signal }` destructuring,
 * `opts.signal` reads and taskscope task fns.
 */
export interface RequireSignalPropagationOptions {
  /** Also report in test files (see `isTestFile`). */
  checkTestFiles?: boolean;
}

export const requireSignalPropagation: Detector<RequireSignalPropagationOptions, RequireSignalPropagationMessageId> = {
  rule: 'require-signal-propagation',
  kinds: ['CallExpression'],
  messages: {
    missingSignal:
      "'{{callee}}' accepts an AbortSignal but is not given '{{signal}}': when the surrounding work is cancelled, this call keeps running.",
    listenerOutlivesSignal:
      "This listener stays registered when the surrounding work is cancelled: '{{signal}}' is not passed to remove it. Remove it yourself where the work ends, or pass '{{signal}}' if nothing waits for a last event.",
    passSignal: "Pass '{{signal}}'.",
  },
  optionsSchema: {
    type: 'object',
    properties: { checkTestFiles: { type: 'boolean', description: 'Also report in test files.' } },
    additionalProperties: false,
  },
  defaultOptions: { checkTestFiles: false },
  check(node, context, options) {
    if (!ts.isCallExpression(node)) return [];
    // A test's work is local or mocked and ends with the test.
    if (!options.checkTestFiles && isTestFile(context)) return [];
    // Without types only calls by plain name and LLM SDK requests can take a signal (syntacticSlot): the cheap test first.
    if (!context.checker && !ts.isIdentifier(skipParentheses(node.expression)) && !isSdkRequest(node)) return [];
    // Cleanup runs because the work is ending, often because it was cancelled: that signal must not stop it.
    if (inCleanup(node)) return [];
    const signal = signalInScope(node, context);
    const { sourceFile } = context;
    if (!signal || isOnSignal(node, signal, context) || passesAnySignal(node, signal, sourceFile) || tasksPassSignal(node, signal, sourceFile)) return [];
    const slot = signalSlot(node, context);
    if (!slot || passesSignal(node, slot, context) || handsOnOwner(node, signal, context)) return [];
    const { checker } = context;
    const listener = checker !== undefined && registersListener(node, checker);
    if (listener && onObjectMadeHere(node, context)) return [];
    if (checker && ((!startsAsyncWork(node, checker) && !listener) || exposesSignal(node, checker))) return [];
    // Removing a listener on abort can hang code that waits for a last event: said, not rewritten.
    if (listener) return [{ rule: 'require-signal-propagation', messageId: 'listenerOutlivesSignal', data: { signal: signal.text }, node: node.expression, fixes: [] }];
    return [finding(node, signal, slot, context)];
  },
};

function finding(call: TS.CallExpression, signal: SignalInScope, slot: SignalSlot, context: AnalysisContext): Finding<RequireSignalPropagationMessageId> {
  const data = { callee: calleeName(call) ?? 'this call', signal: signal.text };
  const result: Finding<RequireSignalPropagationMessageId> = { rule: 'require-signal-propagation', messageId: 'missingSignal', data, node: call.expression, fixes: [] };
  const { checker } = context;
  let passed = signal.text;
  if (checker && signal.type && slot.type && !checker.isTypeAssignableTo(signal.type, slot.type)) {
    // `AbortSignal | null` where `AbortSignal | undefined` is taken: `?? undefined` fits.
    const fits = checker.isTypeAssignableTo(checker.getNonNullableType(signal.type), slot.type) && checker.isTypeAssignableTo(checker.getUndefinedType(), slot.type);
    if (!fits) {
      result.review = { transform: 'signal', reason: `the type of ${signal.text} does not fit the signal ${data.callee} takes`, node: call };
      return result;
    }
    passed = `${signal.text} ?? undefined`;
  }
  const pass = passSignalEdit(call, slot, passed, context.sourceFile);
  if (!pass) return result;
  const fix: Fix<RequireSignalPropagationMessageId> = {
    messageId: 'passSignal',
    data: { signal: signal.text },
    transform: 'signal',
    edits: signal.declare ? [signal.declare, pass] : [pass],
    imports: [],
    delivery: 'all',
  };
  result.fixes.push(fix);
  return result;
}

// `signal.addEventListener(…)`, `opts.signal.throwIfAborted()`: the signal is the receiver.
function isOnSignal(call: TS.CallExpression, signal: SignalInScope, context: AnalysisContext): boolean {
  const callee = skipParentheses(call.expression);
  if (memberName(callee) === undefined) return false;
  const receiver = skipParentheses((callee as TS.PropertyAccessExpression).expression);
  if (isWrittenAs(receiver, signal.text, context.sourceFile)) return true;
  // Typed: `reader.readAll()` with `reader.signal` in scope, `reader` an instance of a class: it reads its own signal.
  const owner = ownerOf(signal);
  const { checker } = context;
  if (owner === undefined || !checker || !ts.isIdentifier(receiver) || receiver.text !== owner) return false;
  return ((checker.getTypeAtLocation(receiver).getSymbol()?.flags ?? 0) & ts.SymbolFlags.Class) !== 0;
}

// `opts` for `opts.signal`; undefined for a signal that is a name of its own.
function ownerOf(signal: SignalInScope): string | undefined {
  return /^([\w$]+)\.signal$/.exec(signal.text)?.[1];
}

// `helper(signal)`, `wrap(ctrl.signal, …)`: some signal is passed, maybe not in the slot we'd pick.
function passesAnySignal(call: TS.CallExpression, signal: SignalInScope, sourceFile: TS.SourceFile): boolean {
  return call.arguments.some((argument) => {
    const node = skipParentheses(argument);
    if ((ts.isIdentifier(node) && node.text === 'signal') || (ts.isPropertyAccessExpression(node) && node.name.text === 'signal')) {
      return true;
    }
    return isWrittenAs(node, signal.text, sourceFile);
  });
}

/** A taskscope call whose tasks mention the signal: they hand it on themselves, so the work already stops with it. */
function tasksPassSignal(call: TS.CallExpression, signal: SignalInScope, sourceFile: TS.SourceFile): boolean {
  const name = taskscopeCallee(call, sourceFile);
  const task = name === undefined ? undefined : call.arguments[RUNTIME_API[name]?.tasks?.argument ?? -1];
  return task !== undefined && signalReferences(task, signal.text, sourceFile).length > 0;
}

/**
 * `fetch(url, init)` with `init.signal` in scope, `get({ url, ...options })`
 * with `options.signal`, or a `const` built from `options` (`ensureConfig(options)`,
 * `{ ...options, method }`, `cond ? { signal } : undefined`), holding a
 * `signal` member or given one before the call (`config.signal = signal`):
 * what the call is given carries the signal, or is meant to.
 */
function handsOnOwner(call: TS.CallExpression, signal: SignalInScope, context: AnalysisContext): boolean {
  const owner = ownerOf(signal);
  const carries = (expression: TS.Expression, depth: number): boolean => {
    const node = unwrapExpression(expression);
    // `options` itself, or `{ ...options }`: reading another of its properties (`options.url`) hands nothing on.
    if (owner !== undefined && ts.isIdentifier(node) && node.text === owner) return true;
    if (ts.isObjectLiteralExpression(node)) {
      return node.properties.some(
        (p) => (p.name !== undefined && ts.isIdentifier(p.name) && p.name.text === 'signal') || (ts.isSpreadAssignment(p) && carries(p.expression, depth + 1)),
      );
    }
    if (depth > 2) return false;
    if (ts.isConditionalExpression(node)) return carries(node.whenTrue, depth + 1) || carries(node.whenFalse, depth + 1);
    // `new Request(url, init)` with `init` carrying it: what the call is given is built from the signal.
    if (ts.isNewExpression(node) || ts.isCallExpression(node)) return (node.arguments ?? []).some((argument) => !ts.isSpreadElement(argument) && carries(argument, depth + 1));
    if (!ts.isIdentifier(node)) return false;
    const declaration = declarationOf(node, context);
    if (declaration === undefined || !ts.isVariableDeclaration(declaration)) return false;
    return (declaration.initializer !== undefined && carries(declaration.initializer, depth + 1)) || givenSignalBefore(node.text, declaration, call);
  };
  return call.arguments.some((argument) => !ts.isSpreadElement(argument) && carries(argument, 0));
}

// `const config = build(); config.signal = signal; await fetch(url, config)`: an assignment to its `signal` between the two.
function givenSignalBefore(name: string, declaration: TS.VariableDeclaration, call: TS.CallExpression): boolean {
  const scope = enclosingFunction(call) ?? call.getSourceFile();
  return someNode(scope, (node) => {
    if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken || node.pos < declaration.end || node.end > call.pos) return false;
    const target = skipParentheses(node.left);
    return ts.isPropertyAccessExpression(target) && target.name.text === 'signal' && ts.isIdentifier(target.expression) && target.expression.text === name;
  });
}

/** Typed: the call's result is a promise, an async iterable or `any`: something the signal could stop. */
function startsAsyncWork(call: TS.CallExpression, checker: TS.TypeChecker): boolean {
  const type = checker.getTypeAtLocation(call);
  if ((type.flags & ts.TypeFlags.Any) !== 0) return true;
  return isThenableType(checker, type, call) || isAsyncIterableType(checker, type);
}

/**
 * `target.addEventListener(type, fn, { signal })` removes the listener when the
 * work is cancelled; a listener on another signal (`other.addEventListener('abort', …)`)
 * is signal plumbing, not work.
 */
function registersListener(call: TS.CallExpression, checker: TS.TypeChecker): boolean {
  const callee = skipParentheses(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'addEventListener') return false;
  return !isAbortSignalType(checker.getTypeAtLocation(callee.expression));
}

/**
 * `xhr.addEventListener(…)`, `xhr.upload.addEventListener(…)` where a function
 * around the call made `xhr` (`const xhr = new XMLHttpRequest()`): the
 * listener lives as long as that object, which goes when its work ends.
 */
function onObjectMadeHere(call: TS.CallExpression, context: AnalysisContext): boolean {
  let target = skipParentheses((skipParentheses(call.expression) as TS.PropertyAccessExpression).expression);
  while (ts.isPropertyAccessExpression(target)) target = skipParentheses(target.expression);
  const declaration = ts.isIdentifier(target) ? declarationOf(target, context) : undefined;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  const maker = enclosingFunction(declaration);
  if (!ts.isNewExpression(skipParentheses(declaration.initializer)) || maker === undefined) return false;
  for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn)) if (fn === maker) return true;
  return false;
}

// A literal, function or spread written at the call: it exposes no signal of its own, so no query is needed.
function isWrittenInline(node: TS.Expression): boolean {
  return (
    ts.isSpreadElement(node) ||
    ts.isObjectLiteralExpression(node) ||
    ts.isArrayLiteralExpression(node) ||
    ts.isLiteralExpression(node) ||
    ts.isTemplateExpression(node) ||
    ts.isFunctionLike(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword
  );
}

/** Typed: an argument that exposes its own signal, as a `Request` does for `fetch(request)`. */
function exposesSignal(call: TS.CallExpression, checker: TS.TypeChecker): boolean {
  const declared = checker.getTypeAtLocation(call.expression).getCallSignatures();
  return call.arguments.some((argument, index) => {
    if (isWrittenInline(skipParentheses(argument)) || takesPrimitiveAt(declared, index, checker)) return false;
    const property = checker.getTypeAtLocation(argument).getNonNullableType().getProperty('signal');
    const declaration = property?.valueDeclaration;
    return declaration !== undefined && (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Readonly) !== 0 && isAbortSignalType(checker.getTypeOfSymbol(property!));
  });
}

/**
 * Whether every declared signature takes a primitive (`id: string`) at
 * `index`: what is passed there has no signal, and asking its type could mean
 * resolving the call around it (a callback's parameter is typed by its call).
 */
function takesPrimitiveAt(signatures: readonly TS.Signature[], index: number, checker: TS.TypeChecker): boolean {
  return (
    signatures.length > 0 &&
    signatures.every((signature) => {
      const parameter = signature.parameters[index];
      const declaration = parameter?.valueDeclaration;
      if (!parameter || (declaration && ts.isParameter(declaration) && declaration.dotDotDotToken)) return false;
      return unionMembers(checker.getTypeOfSymbol(parameter)).every((part) => (part.flags & primitiveFlags()) !== 0);
    })
  );
}

const primitiveFlags = perCompiler(
  () =>
    ts.TypeFlags.StringLike |
    ts.TypeFlags.NumberLike |
    ts.TypeFlags.BooleanLike |
    ts.TypeFlags.BigIntLike |
    ts.TypeFlags.ESSymbolLike |
    ts.TypeFlags.Undefined |
    ts.TypeFlags.Null |
    ts.TypeFlags.Void,
);
