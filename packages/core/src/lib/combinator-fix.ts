import type * as TS from 'typescript';

import { ts } from './compiler.js';
import {
  type FanOutSource,
  fanOutSource,
  inlineCallback,
  suspendsOutsideFunctions,
  taskscopeOptions,
  threadSignalEdits,
  thunkParameters,
  type HeldTasks,
  type MapFanOut,
  workCall,
} from './fan-out.js';
import { MAX_LINE_LENGTH, argumentsOnTheirOwnLines, dedentEdits, indentAt, indentUnitOf, lineAt } from './layout.js';
import { freeName, signalParameterName } from './names.js';
import { runtimeName } from './runtime-imports.js';
import {
  enclosingStatement,
  isJavaScriptFile,
  promiseCombinatorOf,
  skipParentheses,
  type PromiseCombinator,
  unwrapExpression,
} from './syntax.js';
import { signalInScope, signalReferences } from './signal-in-scope.js';
import type { AnalysisContext, Delivery, Fix, TextEdit, TransformId } from './types.js';
import { referencesOf } from './value-flow.js';

/**
 * The rewrite of a `Promise.all / allSettled / race / any` call to the taskscope
 * combinator of the same name: each started unit of work becomes a task thunk
 * `(signal) => work(…, signal)` (signal threaded where the callee accepts one,
 * see signals.ts), and `Promise.x(items.map(fn))` becomes `map(items, …)` for
 * `all`. Undefined when the call's shape can't be rewritten faithfully.
 *
 * Shapes:
 * - `Promise.x([a(), p, 1])` → `x([(signal) => a(), () => p, () => 1])`: calls get
 *   a `signal` parameter (renamed if the element already uses that name), other
 *   values a plain thunk; comments and layout inside the array stay.
 * - `Promise.all(items.map((item, i) => …))` → `map(items, (item, signal, i) => …)`,
 *   also for `Array.from(iterable, fn)`. When typed, `items` must be an array,
 *   tuple or `any` (an iterable for `Array.from`), otherwise the thunk form
 *   below is used.
 * - other combinators over a map: `x(items.map((item) => (signal) => …))`.
 * - a named callback (`ids.map(load)`) only when typed and `load` takes one
 *   parameter: it becomes `(item, signal) => load(item)`.
 * - `concurrency` adds `{ concurrency: N }` as the options argument.
 *
 * Undefined for: spread or hole elements, an element holding `await`/`yield`,
 * explicit type arguments, an iterable that is not an array literal or a map,
 * `map` with a `thisArg`, callbacks with a rest, a `this` or a third parameter,
 * and generator callbacks.
 *
 * The fix's `data` is `{ name }`, the taskscope export the rewrite calls
 * (`all`, `map`, `race`…), for the suggestion message.
 *
 * Owned by no-orphaned-fan-out; no-unchecked-settled and no-uncancelled-race
 * reuse it for their `allSettled` / `race` fixes.
 */
export function combinatorFix<MessageId extends string>(
  call: TS.CallExpression,
  context: AnalysisContext,
  options: { messageId: MessageId; transform: TransformId; concurrency?: number },
): Fix<MessageId> | undefined {
  const combinator = promiseCombinatorOf(call);
  const [iterable] = call.arguments;
  if (!combinator || !iterable || call.arguments.length !== 1 || call.typeArguments) return undefined;
  const source = fanOutSource(iterable, context);
  if (!source) return undefined;
  const outer = signalInScope(call, context)?.text;
  if (outer !== undefined && tasksReadSignal(source, outer, context)) return undefined;
  const rewrite = rewriteFor(call, iterable, source, combinator, context, options.concurrency, outer);
  if (!rewrite) return undefined;
  return {
    messageId: options.messageId,
    data: { name: rewrite.name },
    transform: options.transform,
    edits: argumentsOnTheirOwnLines(call, rewrite.edits, context.sourceFile),
    imports: [rewrite.name],
    delivery: deliveryOf(source, context, outer),
  };
}

/**
 * Whether a task of the combinator's fan-out reads the signal in scope itself
 * (`signal.aborted`, `signal.addEventListener(…)`, `opts.signal.reason`): it
 * settles its own way when that signal aborts, maybe with a value, while a
 * taskscope combinator linked to the signal rejects with its reason. Such a
 * rewrite would change how cancellation that already works ends.
 */
export function tasksReadSignal(source: FanOutSource, outer: string, context: AnalysisContext): boolean {
  const tasks = source.shape === 'map' ? [inlineCallback(source.map.callback)] : source.shape === 'array' ? source.array.elements : source.pushed;
  const read = (reference: TS.Expression) => (ts.isPropertyAccessExpression(reference.parent) || ts.isElementAccessExpression(reference.parent)) && reference.parent.expression === reference;
  return tasks.some((task) => task !== undefined && signalReferences(task, outer, context.sourceFile).some(read));
}

/**
 * Whether the tasks' signals reach work that takes one: for each task, a call
 * in it that takes a signal and gets none, or gets `outer` (see
 * `threadSignalEdits`). A named callback gets none.
 */
function deliveryOf(source: FanOutSource, context: AnalysisContext, outer: string | undefined): Delivery {
  // With the name the rewrite gives the task's signal, which differs from the outer one it may replace.
  const reaches = (task: TS.Node) => threadSignalEdits(task, signalParameterName([task]), context, outer).length > 0;
  if (source.shape === 'map') {
    const fn = inlineCallback(source.map.callback);
    return fn && reaches(fn.body) ? 'all' : 'none';
  }
  const tasks = source.shape === 'array' ? source.array.elements : source.pushed;
  const reached = tasks.filter((task) => !ts.isSpreadElement(task) && workCall(task) !== undefined && reaches(task)).length;
  return reached === 0 ? 'none' : reached === tasks.length ? 'all' : 'some';
}

interface Rewrite {
  /** The taskscope export called. */
  name: string;
  edits: TextEdit[];
}

function rewriteFor(
  call: TS.CallExpression,
  iterable: TS.Expression,
  source: FanOutSource,
  combinator: PromiseCombinator,
  context: AnalysisContext,
  concurrency: number | undefined,
  outer: string | undefined,
): Rewrite | undefined {
  const { sourceFile } = context;
  if (source.shape === 'pushed' || (source.held && !rewritesInPlace(source.held, iterable, call, context))) return undefined;
  const taskOptions = taskscopeOptions(call, context, concurrency === undefined ? [] : [`concurrency: ${concurrency}`]);
  const optionsText = taskOptions.text === undefined ? '' : `, ${taskOptions.text}`;
  const options = [...taskOptions.edits, ...(optionsText ? [insert(iterable.end, optionsText)] : [])];
  const renameCallee = (name: string): Rewrite => ({
    name,
    edits: [{ start: call.expression.getStart(sourceFile), end: call.expression.end, text: runtimeName(sourceFile, name) }],
  });

  if (source.shape === 'array') {
    const thunks = elementThunkEdits(source.array, context, outer, source.held !== undefined);
    if (!thunks) return undefined;
    const rewrite = renameCallee(combinator);
    rewrite.edits.push(...thunks, ...options);
    return rewrite;
  }

  const fanOut = source.map;
  if (fanOut.call.arguments.length !== (fanOut.via === 'map' ? 1 : 2)) return undefined;
  // The items stay where they are when a `const` holds them, or when an optional chain has no fallback to keep.
  const direct = !source.held && (!fanOut.optional || source.fallback) && combinator === 'all' && mapsDirectly(fanOut, context);
  if (direct) {
    const callback = callbackEdits(fanOut, context, 'map', outer);
    if (!callback) return undefined;
    const hoisted = hoistsArgument(call, iterable, sourceFile);
    // `xs?.filter(f).map(g) ?? []` → `map(xs?.filter(f) ?? [], …)`.
    const wrap = fanOut.optional && !isOperand(fanOut.items);
    return {
      name: 'map',
      edits: [
        // `Promise.all(items.map(` → `map(items, ` … `))` → `)`.
        { start: call.expression.getStart(sourceFile), end: fanOut.items.getStart(sourceFile), text: `${runtimeName(sourceFile, 'map')}(${wrap ? '(' : ''}` },
        { start: fanOut.items.end, end: fanOut.callback.getStart(sourceFile), text: `${wrap ? ')' : ''}${fanOut.optional ? ' ?? []' : ''}, ` },
        ...callback,
        ...taskOptions.edits,
        // The lines after the callback go with the `)` that replaces them.
        ...(hoisted ? dedentEdits(iterable, hoisted.unit, sourceFile, fanOut.callback.end) : []),
        hoisted
          ? { start: fanOut.callback.end, end: call.end, text: `${optionsText})` }
          : { start: fanOut.callback.end, end: iterable.end, text: optionsText },
      ],
    };
  }
  const callback = callbackEdits(fanOut, context, 'thunk', outer);
  if (!callback) return undefined;
  const rewrite = renameCallee(combinator);
  rewrite.edits.push(...callback, ...options);
  return rewrite;
}

/**
 * Whether the tasks a `const` holds can become thunks where they are
 * declared: the combinator is the name's only read, the declaration has no
 * type to contradict, and it is the statement right before the combinator's,
 * so starting the work later changes nothing in between.
 */
function rewritesInPlace(held: HeldTasks, iterable: TS.Expression, call: TS.CallExpression, context: AnalysisContext): boolean {
  const { declaration } = held;
  const statement = declaration.parent.parent;
  if (declaration.type || !ts.isVariableStatement(statement)) return false;
  const references = referencesOf(declaration.name, context);
  if (references.length !== 1 || references[0] !== unwrapExpression(iterable)) return false;
  if (statement.declarationList.declarations.length !== 1) return false;
  const block = statement.parent;
  if (!ts.isBlock(block) && !ts.isSourceFile(block)) return false;
  const index = block.statements.indexOf(statement);
  return index >= 0 && block.statements[index + 1] === enclosingStatement(call);
}

/** An expression that `?? []` can follow without parentheses. */
function isOperand(node: TS.Expression): boolean {
  return ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node) || ts.isParenthesizedExpression(node);
}

/**
 * `Promise.all(\n  items.map(…),\n)`: the argument becomes the call, on the
 * first line, so its lines lose the level the argument list gave them and the
 * list's closing line goes. Undefined when the argument starts on the call's
 * line, or a comment sits between it and the `)`.
 */
function hoistsArgument(call: TS.CallExpression, argument: TS.Expression, sourceFile: TS.SourceFile): { unit: string } | undefined {
  const { text } = sourceFile;
  const start = argument.getStart(sourceFile);
  if (lineAt(text, start).start === lineAt(text, call.getStart(sourceFile)).start) return undefined;
  if (!/^\s*,?\s*\)$/.test(text.slice(argument.end, call.end))) return undefined;
  const outer = indentAt(text, call.getStart(sourceFile));
  const inner = indentAt(text, start);
  return inner.startsWith(outer) && inner.length > outer.length ? { unit: inner.slice(outer.length) } : undefined;
}

/**
 * `[a(), p]` → `[(signal) => a(), () => p]`, or undefined when an element
 * can't become a thunk. A one-line array that the thunks make too long gets
 * one element per line.
 */
function elementThunkEdits(array: TS.ArrayLiteralExpression, context: AnalysisContext, outer: string | undefined, typed: boolean): TextEdit[] | undefined {
  const { sourceFile } = context;
  const signal = signalParameterName(array.elements);
  const perElement: TextEdit[][] = [];
  for (const element of array.elements) {
    if (ts.isSpreadElement(element) || ts.isOmittedExpression(element) || suspendsOutsideFunctions(element)) {
      return undefined;
    }
    const works = workCall(element) !== undefined;
    const start = element.getStart(sourceFile);
    // An arrow body can't start with `{`: `{ a: 1 } as T` needs parentheses.
    const wrap = sourceFile.text[start] === '{';
    const threaded = works ? threadSignalEdits(element, signal, context, outer) : [];
    const edits = [insert(start, `${thunkParameters(signal, works, threaded, context, typed)} => ${wrap ? '(' : ''}`)];
    if (wrap) edits.push(insert(element.end, ')'));
    perElement.push([...edits, ...threaded]);
  }
  const breaks = lineBreaks(array, perElement.flat(), sourceFile);
  if (!breaks) return perElement.flat();
  // A break goes before the element's own insertions at the same offset, the closing one after them.
  return [...perElement.flatMap((edits, index) => [breaks.before[index]!, ...edits]), breaks.close];
}

/**
 * The edits that put each element of a one-line `array` on its own line, when
 * `edits` push the line past MAX_LINE_LENGTH. Undefined for a line that was
 * longer already (the file doesn't keep to that width), an array of one
 * element, one that spans lines already, holds a comment, or sits in JSX.
 */
function lineBreaks(
  array: TS.ArrayLiteralExpression,
  edits: readonly TextEdit[],
  sourceFile: TS.SourceFile,
): { before: TextEdit[]; close: TextEdit } | undefined {
  const { text } = sourceFile;
  const open = array.getStart(sourceFile);
  const line = lineAt(text, open);
  const { elements } = array;
  if (elements.length < 2 || line.end < array.end || line.end - line.start > MAX_LINE_LENGTH || inJsx(array)) return undefined;
  const grown = line.end - line.start + edits.reduce((sum, edit) => sum + edit.text.length - (edit.end - edit.start), 0);
  if (grown <= MAX_LINE_LENGTH) return undefined;

  const indent = indentAt(text, open);
  const step = `\n${indent}${indentUnitOf(text)}`;
  const before: TextEdit[] = [];
  let gapStart = open + 1;
  for (const element of elements) {
    const start = element.getStart(sourceFile);
    const gap = text.slice(gapStart, start);
    if (gap.trim() !== '' && gap.trim() !== ',') return undefined;
    before.push({ start: gapStart + gap.indexOf(',') + 1, end: start, text: step });
    gapStart = element.end;
  }
  const closeBracket = array.end - 1;
  const tail = text.slice(gapStart, closeBracket);
  if (tail.trim() !== '' && tail.trim() !== ',') return undefined;
  return { before, close: { start: gapStart, end: closeBracket, text: `,\n${indent}` } };
}

/**
 * The callback's edits. `map`: the signal becomes its second parameter, for
 * taskscope `map(items, (item, signal, index) => …)`. `thunk`: the callback
 * returns a task instead, `(item) => (signal) => …`.
 */
function callbackEdits(fanOut: MapFanOut, context: AnalysisContext, form: 'map' | 'thunk', outer: string | undefined): TextEdit[] | undefined {
  const { sourceFile } = context;
  const fn = inlineCallback(fanOut.callback);
  if (!fn) return namedCallbackEdits(fanOut.callback, context, form);
  const params = fn.parameters;
  if (fn.asteriskToken || params.length > 2 || params.some((p) => p.dotDotDotToken || isThisParameter(p))) return undefined;
  if (form === 'map') return mapCallbackEdits(fn, context, true, outer);
  if (!ts.isArrowFunction(fn)) return undefined;
  const signal = signalParameterName([fn]);
  const threaded = threadSignalEdits(fn.body, signal, context, outer);
  const asyncModifier = fn.modifiers?.find((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  const parameters = thunkParameters(signal, true, threaded, context, true);
  const edits = [...threaded, insert(fn.body.getStart(sourceFile), `${asyncModifier ? 'async ' : ''}${parameters} => `)];
  // `async (item) => body` → `(item) => async (signal) => body`.
  if (asyncModifier) {
    edits.push({ start: asyncModifier.getStart(sourceFile), end: skipSpaces(sourceFile.text, asyncModifier.end), text: '' });
  }
  return edits;
}

/**
 * `(item, index) => …` → `(item, signal, index) => …`, taskscope `map`'s
 * callback, with the signal passed to the calls in its body that take one.
 * Without an index to move, the signal is declared only when a call gets it,
 * unless `declareUnused`. The callback must have at most two plain parameters.
 */
export function mapCallbackEdits(fn: TS.ArrowFunction | TS.FunctionExpression, context: AnalysisContext, declareUnused: boolean, outer?: string): TextEdit[] {
  const { sourceFile } = context;
  const signal = signalParameterName([fn]);
  const threaded = threadSignalEdits(fn.body, signal, context, outer);
  const unused = threaded.length === 0;
  const [first, second] = fn.parameters;
  if (second) {
    const placeholder = unused && context.reportsUnusedParameters ? freeName(['_signal'], [fn]) : signal;
    return [...threaded, insert(second.getStart(sourceFile), `${placeholder}, `)];
  }
  if (unused && (!declareUnused || context.reportsUnusedParameters)) return [];
  if (!first) {
    const item = freeName(['_item'], [fn]);
    return [...threaded, insert(fn.parameters.pos, `${item}, ${signal}`)];
  }
  const parenthesized = fn.getChildren(sourceFile).some((child) => child.kind === ts.SyntaxKind.OpenParenToken);
  if (parenthesized) return [...threaded, insert(first.end, `, ${signal}`)];
  return [...threaded, { start: first.getStart(sourceFile), end: first.end, text: `(${first.getText(sourceFile)}, ${signal})` }];
}

/** `ids.map(load)`, typed, when `load` takes at most one parameter (so dropping map's index is safe). */
function namedCallbackEdits(callback: TS.Expression, context: AnalysisContext, form: 'map' | 'thunk'): TextEdit[] | undefined {
  const { checker, sourceFile } = context;
  const name = skipParentheses(callback);
  if (!checker || !ts.isIdentifier(name)) return undefined;
  const signatures = checker.getTypeAtLocation(name).getCallSignatures();
  const unary = signatures.length > 0 && signatures.every((s) => s.parameters.length <= 1 && !hasRestParameter(s));
  if (!unary) return undefined;
  const item = freeName(['item'], [name]);
  // `load` takes one parameter: the signal is declared for the reader, not passed.
  const signal = context.reportsUnusedParameters ? '' : signalParameterName([name]);
  const thunk = signal === '' ? '()' : isJavaScriptFile(sourceFile) ? `(${signal})` : `(${signal}: AbortSignal)`;
  const head = form === 'map' ? `(${[item, signal].filter(Boolean).join(', ')}) =>` : `(${item}) => ${thunk} =>`;
  return [{ start: callback.getStart(sourceFile), end: callback.end, text: `${head} ${name.text}(${item})` }];
}

function hasRestParameter(signature: TS.Signature): boolean {
  const declaration = signature.getDeclaration() as TS.SignatureDeclaration | undefined;
  return declaration?.parameters?.some((p) => p.dotDotDotToken !== undefined) ?? false;
}

function isThisParameter(parameter: TS.ParameterDeclaration): boolean {
  return ts.isIdentifier(parameter.name) && parameter.name.text === 'this';
}

/**
 * Whether taskscope `map` can take the items as they are: without types any
 * `.map` receiver is trusted (Array.from's source unless it is an object
 * literal like `{ length: n }`), and so is an `any` one; with types, an array
 * or tuple for `.map`, an iterable for `Array.from`.
 */
function mapsDirectly(fanOut: MapFanOut, context: AnalysisContext): boolean {
  const items = skipParentheses(fanOut.items);
  if (fanOut.via === 'from' && ts.isObjectLiteralExpression(items)) return false;
  const { checker } = context;
  if (!checker) return true;
  const type = checker.getNonNullableType(checker.getTypeAtLocation(items));
  // `map(items, (x) => …)` infers `unknown` for x from `any` items, where `items.map` gave it `any`.
  if (type.flags & ts.TypeFlags.Any) return isJavaScriptFile(context.sourceFile) || itemParameterIsAnnotated(fanOut.callback);
  if (fanOut.via === 'map') return checker.isArrayType(type) || checker.isTupleType(type);
  return checker
    .getApparentType(type)
    .getProperties()
    .some((property) => property.escapedName.toString().startsWith('__@iterator'));
}

function itemParameterIsAnnotated(callback: TS.Expression): boolean {
  const fn = inlineCallback(callback);
  const item = fn?.parameters[0];
  return fn !== undefined && (item === undefined || item.type !== undefined);
}

function skipSpaces(text: string, at: number): number {
  let end = at;
  while (end < text.length && /\s/.test(text[end]!)) end++;
  return end;
}

// Line breaks inside a JSX attribute or child read worse than a long line.
function inJsx(node: TS.Node): boolean {
  for (let current = node.parent; current && !ts.isStatement(current); current = current.parent) {
    if (ts.isJsxExpression(current)) return true;
  }
  return false;
}

function insert(at: number, text: string): TextEdit {
  return { start: at, end: at, text };
}
