import type * as TS from 'typescript';

import { ts } from '../../lib/compiler.js';
import { enclosingFunction, isAsyncFunction, memberName, outermost, unwrapExpression } from '../../lib/syntax.js';
import type { AnalysisContext } from '../../lib/types.js';
import { constInitializer, referencesOf } from '../../lib/value-flow.js';

/** A reader an async generator yields from while nothing of its own cancels it. */
export interface UncancelledReader {
  /** The `const reader` name. */
  name: TS.Identifier;
  /** The `try … finally` around the reading loop, where a cancel belongs; undefined when there is none the reader is in scope in. */
  cleanup: TS.TryStatement | undefined;
}

/**
 * `const reader = stream.getReader()` in an async generator that yields inside
 * the loop reading it, where the generator itself never cancels it. The
 * consumer may stop at any `yield` (a `break` out of `for await`, a throw,
 * `return()`): the generator then runs its `finally` and ends, and the stream
 * keeps going, with the request behind it, because releasing a lock or
 * dropping a reader does not stop its source. `for await` over the stream
 * itself would have cancelled it.
 *
 * Not an uncancelled reader: one the generator cancels (in its own body or a
 * local function it calls, not in a listener that runs only on the caller's
 * abort), or whose stream it cancels or whose controller it aborts; one
 * handed on (returned, stored, passed to a call), whose new owner may cancel
 * it; a stream built here from local data (`new ReadableStream(…)`,
 * `blob.stream()`), where nothing costly runs.
 */
export function uncancelledReader(call: TS.CallExpression, context: AnalysisContext): UncancelledReader | undefined {
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'getReader' || call.arguments.length > 1) return undefined;
  const declaration = outermost(call).parent;
  if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || declaration.initializer !== outermost(call)) return undefined;
  const generator = enclosingFunction(call);
  if (!generator || !isAsyncGenerator(generator)) return undefined;
  const streams = streamChain(callee.expression, context);
  if (isLocalStream(streams[streams.length - 1]!)) return undefined;

  const reads: TS.CallExpression[] = [];
  for (const reference of referencesOf(declaration.name, context)) {
    const use = readerUse(reference);
    if (use === 'handedOn') return undefined;
    if (use === 'cancel' && runsInBody(reference, generator, context)) return undefined;
    // A read in a function nested in the generator yields to that function's consumer, not this one's.
    if (use === 'read' && enclosingFunction(reference) === generator) reads.push(reference.parent.parent as TS.CallExpression);
  }
  const loop = reads
    .map((read) => innermostInBody(read, generator, (node) => ts.isIterationStatement(node, false)))
    .find((found) => found !== undefined && someInBody(found, ts.isYieldExpression));
  if (!loop || stopsItsSource(generator, streams, context)) return undefined;
  const cleanup = innermostInBody(loop, generator, (node): node is TS.TryStatement => ts.isTryStatement(node) && node.finallyBlock !== undefined && holds(node.tryBlock, loop));
  // A reader declared inside the `try` is out of scope in its `finally`.
  return { name: declaration.name, cleanup: cleanup && !holds(cleanup.tryBlock, declaration) ? cleanup : undefined };
}

/** Whether `node` runs as the generator's own code: in its body, or in a local function the body calls by name. */
function runsInBody(node: TS.Node, generator: AsyncGeneratorNode, context: AnalysisContext): boolean {
  const fn = enclosingFunction(node);
  if (fn === generator) return true;
  const name = fn && localName(fn);
  if (!name) return false;
  return referencesOf(name, context).some((reference) => ts.isCallExpression(reference.parent) && reference.parent.expression === reference && enclosingFunction(reference) === generator);
}

// The name a local function is called by: `function name() {}`, `const name = () => …`.
function localName(fn: TS.SignatureDeclaration): TS.Identifier | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const declaration = outermost(fn).parent;
  return ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) ? declaration.name : undefined;
}

type ReaderUse = 'read' | 'cancel' | 'released' | 'handedOn';

// `reader.read()`, `reader.cancel()`, `reader.releaseLock()` / `reader.closed`, or anything else, which hands the reader on.
function readerUse(reference: TS.Identifier): ReaderUse {
  const member = reference.parent;
  if (!ts.isPropertyAccessExpression(member) || member.expression !== reference) return 'handedOn';
  const method = member.name.text;
  if (method === 'closed') return 'released';
  const called = ts.isCallExpression(member.parent) && member.parent.expression === member;
  if (!called) return 'handedOn';
  if (method === 'read' || method === 'cancel') return method;
  return method === 'releaseLock' ? 'released' : 'handedOn';
}

type AsyncGeneratorNode = TS.FunctionDeclaration | TS.FunctionExpression | TS.MethodDeclaration;

function isAsyncGenerator(fn: TS.SignatureDeclaration): fn is AsyncGeneratorNode {
  return (ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) && fn.asteriskToken !== undefined && isAsyncFunction(fn);
}

/** The streams a reader's stream is piped from, last first: `body.pipeThrough(a).pipeThrough(b)` → `[…(a), body]`, through `const`s. */
function streamChain(expression: TS.Expression, context: AnalysisContext): TS.Expression[] {
  const chain = [unwrapExpression(expression)];
  for (;;) {
    const source = chain[chain.length - 1]!;
    const held = ts.isIdentifier(source) ? constInitializer(source, context) : undefined;
    if (ts.isCallExpression(source) && memberName(source.expression) === 'pipeThrough' && ts.isPropertyAccessExpression(source.expression)) {
      chain.push(unwrapExpression(source.expression.expression));
    } else if (held && !chain.includes(unwrapExpression(held))) {
      chain.push(unwrapExpression(held));
    } else {
      return chain;
    }
  }
}

/** A stream made here from local data: `new ReadableStream(…)` and the like, `blob.stream()`. */
function isLocalStream(source: TS.Expression): boolean {
  return ts.isNewExpression(source) || (ts.isCallExpression(source) && memberName(source.expression) === 'stream');
}

/**
 * Whether the generator's own code stops the source another way: cancels the
 * stream itself (`response.body.cancel()`, spelled as a stream it pipes from is)
 * or aborts a controller (`controller.abort()`, which a fetch given its signal
 * obeys), in its own body: a listener that does so on the caller's abort
 * does not run when the consumer stops.
 */
function stopsItsSource(generator: AsyncGeneratorNode, streams: readonly TS.Expression[], context: AnalysisContext): boolean {
  const spelled = new Set(streams.map((stream) => stream.getText(context.sourceFile)));
  const stops = (node: TS.Node): boolean => {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
    const method = node.expression.name.text;
    return method === 'abort' || (method === 'cancel' && spelled.has(unwrapExpression(node.expression.expression).getText(context.sourceFile)));
  };
  return generator.body !== undefined && someInBody(generator.body, stops);
}

/** The innermost ancestor of `node` that passes `test`, in the generator's own code (not past a function nested in it). */
function innermostInBody<T extends TS.Node>(node: TS.Node, generator: TS.Node, test: (node: TS.Node) => node is T): T | undefined {
  for (let current = node.parent; current !== generator; current = current.parent) {
    if (test(current)) return current;
    if (ts.isFunctionLike(current)) return undefined;
  }
  return undefined;
}

/** Whether `root` or a node below it passes `test`, in the same function's code (not in functions nested in it). */
function someInBody(root: TS.Node, test: (node: TS.Node) => boolean): boolean {
  const visit = (node: TS.Node): boolean => test(node) || (!ts.isFunctionLike(node) && (ts.forEachChild(node, visit) ?? false));
  return visit(root);
}

function holds(outer: TS.Node, inner: TS.Node): boolean {
  return outer.pos <= inner.pos && inner.end <= outer.end;
}
