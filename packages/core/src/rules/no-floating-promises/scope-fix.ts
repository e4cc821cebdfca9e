import type * as TS from 'typescript';

import { ts } from '../../lib/compiler.js';
import { threadSignalEdits, workCall } from '../../lib/fan-out.js';
import { indentAt, multilineLiterals } from '../../lib/layout.js';
import { freeName, signalParameterName } from '../../lib/names.js';
import { isScopeBody, isScopeValue, isSpawnCall } from '../../lib/runtime-api.js';
import { runtimeName } from '../../lib/runtime-imports.js';
import { signalInScope, type SignalInScope } from '../../lib/signal-in-scope.js';
import { calleeName, isAsyncFunction, skipParentheses } from '../../lib/syntax.js';
import { unionMembers } from '../../lib/type-members.js';
import type { AnalysisContext, Fix, TextEdit } from '../../lib/types.js';

/**
 * The `floating` transform: work that nobody owns is spawned into a taskscope
 * scope, so it is awaited, cancelled and its failure observed. Owned by
 * no-floating-promises.
 */

/**
 * A floating expression that becomes `s.spawn(() => expression)`, or
 * `s.spawn((signal) => …)` with the task's signal passed to the calls in it
 * that take one: the scope cancels that signal when a sibling fails.
 */
export interface SpawnSite {
  /** `[start, expressionStart)` is dropped: a `void` in front of the expression. */
  start: number;
  expression: TS.Expression;
  expressionStart: number;
  expressionEnd: number;
  /** A comma sequence, which an arrow body must parenthesize. */
  parenthesize: boolean;
}

type BlockFunction = TS.FunctionLikeDeclaration & { body: TS.Block };

/** How the function holding a floating promise can own it. */
export type ScopePlan =
  /** It is a scope body or a scope's task: spawn into that scope. */
  | { kind: 'spawn'; scopeName: string }
  /** It is a scope body that takes no parameter: add one, then spawn. */
  | { kind: 'addParameter'; fn: TS.ArrowFunction | TS.FunctionExpression; parentheses: { start: number; end: number } }
  /**
   * Any other async function: its body becomes a scope, so it completes when
   * that work completes. The scope follows the signal the function was given.
   */
  | { kind: 'wrap'; fn: BlockFunction; signal: SignalInScope | undefined };

/** The plan for `fn`, or undefined where no rewrite is safe (sync code, generators, module level). */
export function scopePlan(fn: TS.Node | undefined, context: AnalysisContext): ScopePlan | undefined {
  if (!fn || !ts.isFunctionLike(fn)) return undefined;
  const { sourceFile } = context;
  if (isScopeBody(fn, sourceFile)) {
    const first = fn.parameters[0];
    if (first && ts.isIdentifier(first.name)) return { kind: 'spawn', scopeName: first.name.text };
    if (!first) {
      const start = fn.parameters.pos - 1;
      const end = sourceFile.text.indexOf(')', fn.parameters.end) + 1;
      if (sourceFile.text[start] === '(' && /^\(\s*\)$/.test(sourceFile.text.slice(start, end))) {
        return { kind: 'addParameter', fn, parentheses: { start, end } };
      }
    }
  }
  const owner = spawningScope(fn, context);
  if (owner !== undefined) return { kind: 'spawn', scopeName: owner };
  const declaration = fn as TS.FunctionLikeDeclaration;
  const body = declaration.body;
  // The brace check guards against a body the parser had to recover (a missing `}`).
  if (isAsyncFunction(fn) && !declaration.asteriskToken && body && ts.isBlock(body) && sourceFile.text[body.end - 1] === '}' && !handsOutOngoingWork(declaration, context)) {
    return { kind: 'wrap', fn: declaration as BlockFunction, signal: signalInScope(body, context) };
  }
  return undefined;
}

/**
 * Whether a function's result stands for work that goes on after it returns:
 * typed, its (awaited) return type is a Response, a stream, a socket, an async
 * iterator, or a handle with a way to end it (`close`, `abort`, `stop`, …);
 * without types, it returns any value at all. A scope would make such a
 * function wait for what its caller is to drive.
 */
export function handsOutOngoingWork(fn: TS.FunctionLikeDeclaration, context: AnalysisContext): boolean {
  const { checker } = context;
  if (!checker) return someReturnedValue(fn);
  const signature = checker.getSignatureFromDeclaration(fn);
  const returned = signature && checker.getAwaitedType(checker.getReturnTypeOfSignature(signature));
  if (!returned) return someReturnedValue(fn);
  return unionMembers(returned).some((part) => {
    if ((part.flags & ts.TypeFlags.Object) === 0) return false;
    const name = (part.aliasSymbol ?? part.getSymbol())?.name;
    if (name !== undefined && ongoingTypes.has(name)) return true;
    return part.getProperties().some((property) => handleMembers.has(property.name) || property.escapedName.toString().startsWith('__@asyncIterator'));
  });
}

/** Types that stand for work going on: streams, responses, sockets, servers, processes. */
const ongoingTypes: ReadonlySet<string> = new Set(['Response', 'ReadableStream', 'WritableStream', 'TransformStream', 'Readable', 'Writable', 'Duplex', 'EventSource', 'WebSocket', 'Server', 'ChildProcess', 'AsyncGenerator', 'AsyncIterableIterator']);

/** Members a handle to ongoing work has: a way to end it, or to take its output. */
const handleMembers: ReadonlySet<string> = new Set(['close', 'abort', 'cancel', 'stop', 'dispose', 'destroy', 'unsubscribe', 'kill', 'getReader', 'pipeTo', 'pipe']);

function someReturnedValue(fn: TS.FunctionLikeDeclaration): boolean {
  const visit = (node: TS.Node): boolean =>
    (ts.isReturnStatement(node) && node.expression !== undefined) || (!ts.isFunctionLike(node) && (ts.forEachChild(node, visit) ?? false));
  return fn.body !== undefined && (ts.forEachChild(fn.body, visit) ?? false);
}

/** Names of work that runs as long as it is used: a stream, a pipe, a listener, a loop, a server. */
const openEnded = /^(pipe|pipeTo|pipeThrough|listen|serve|watch|subscribe|on|once|addListener|addEventListener|poll|loop|pump|consume|drain|tail|follow|keepAlive|heartbeat|stream|run[A-Z]\w*Loop)(?=$|[A-Z_])|Loop$/;

/**
 * Why spawning a site into a scope would be wrong, or undefined when it is
 * right: its work takes no signal (a scope could not cancel it, only wait for
 * it), or it is open-ended work that the function starting it must not wait for.
 */
export function spawnBlocker(site: SpawnSite, context: AnalysisContext): 'no-signal' | 'open-ended' | undefined {
  const call = workCall(site.expression);
  const name = call && ts.isCallExpression(call) ? calleeName(call) : undefined;
  if (name !== undefined && openEnded.test(name)) return 'open-ended';
  const outer = signalInScope(site.expression, context)?.text;
  return threadSignalEdits(site.expression, signalParameterName([site.expression]), context, outer).length === 0 ? 'no-signal' : undefined;
}

// `s.spawn(fn)` / `s.start(fn)`: fn is a task of scope `s`, which can own more work while fn runs.
function spawningScope(fn: TS.SignatureDeclaration, context: AnalysisContext): string | undefined {
  let argument: TS.Node = fn;
  while (ts.isParenthesizedExpression(argument.parent)) argument = argument.parent;
  const call = argument.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== argument || !isSpawnCall(call)) return undefined;
  const receiver = skipParentheses((skipParentheses(call.expression) as TS.PropertyAccessExpression).expression);
  if (!ts.isIdentifier(receiver) || !isScopeValue(receiver, context)) return undefined;
  const shadowed = fn.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === receiver.text);
  return shadowed ? undefined : receiver.text;
}

/** A function whose body becomes a scope, with the sites it then spawns. */
export interface WrapTarget {
  fn: BlockFunction;
  signal: SignalInScope | undefined;
  sites: readonly SpawnSite[];
}

// Only sites whose work gets the task's signal are spawned (see `spawnBlocker`).
const spawnIntoScope = (edits: TextEdit[], imports: string[]): Fix<'spawnIntoScope'> => ({
  messageId: 'spawnIntoScope',
  transform: 'floating',
  edits,
  imports,
  delivery: 'all',
});

/** Inside a scope body or task: `s.spawn(() => expression)`, touching nothing else. */
export function spawnFix(site: SpawnSite, scopeName: string, context: AnalysisContext): Fix<'spawnIntoScope'> {
  return spawnIntoScope(spawnEdits(site, scopeName, context), []);
}

/**
 * A scope body without a parameter gets one, and every site of that body is
 * spawned. The fix starts with a non-empty replacement, so the same fix from
 * the body's other findings overlaps it and is dropped by planEdits.
 */
export function addParameterFix(
  plan: Extract<ScopePlan, { kind: 'addParameter' }>,
  sites: readonly SpawnSite[],
  context: AnalysisContext,
): Fix<'spawnIntoScope'> {
  const name = freeName(['s'], [plan.fn], { reserved: [runtimeName(context.sourceFile, 'scope')], firstNumber: 1 });
  return spawnIntoScope([{ ...plan.parentheses, text: `(${name})` }, ...sites.flatMap((s) => spawnEdits(s, name, context))], []);
}

/**
 * Each target's body becomes `return scope(async (s) => { …body… })`, its
 * statements kept verbatim one level deeper, and its sites spawned. Targets
 * nested in one another are rewritten by one fix, so their indentation adds
 * up; every finding among them gets this same fix, whose `{` replacements make
 * duplicates overlap and drop out: one codemod pass reaches the fixed point.
 */
export function wrapFix(targets: readonly WrapTarget[], context: AnalysisContext): Fix<'spawnIntoScope'> {
  const { sourceFile } = context;
  const { text } = sourceFile;
  const scopeFn = runtimeName(sourceFile, 'scope');
  const layouts = targets.map((target) => layoutOf(target, scopeFn, sourceFile));
  const spawns = layouts.flatMap((layout) => layout.target.sites.flatMap((s) => spawnEdits(s, layout.name, context)));
  // A task fn's signal that the function doesn't declare yet.
  const declarations = layouts.flatMap((layout) => (layout.target.signal?.declare ? [layout.target.signal.declare] : []));
  // Units added to a line by the multi-line targets whose body holds it.
  const indentAddedAt = (at: number): string =>
    layouts
      .filter((l) => !l.singleLine && l.open < at && at < l.limit)
      .map((l) => l.unit)
      .join('');

  const edits: (TextEdit & { order: number })[] = [];
  for (const l of layouts) {
    if (l.singleLine) {
      edits.push({ start: l.open, end: l.open + 1, text: `{ ${l.header}`, order: 0 });
      edits.push({ start: l.close, end: l.close, text: `${l.footer} `, order: 0 });
      continue;
    }
    edits.push({ start: l.open, end: l.open + 1, text: `{\n${indentAddedAt(l.open)}${l.base}${l.unit}${l.header}`, order: 0 });
    edits.push(
      l.closeOnOwnLine
        ? { start: l.limit, end: l.limit, text: `${indentAddedAt(l.limit)}${l.base}${l.unit}${l.footer}\n`, order: 0 }
        : { start: l.close, end: l.close, text: `${l.footer} `, order: 0 },
    );
  }
  const outermost = layouts.filter((l) => !layouts.some((o) => o !== l && o.open < l.open && l.close < o.close));
  const verbatim = [...outermost.flatMap((l) => multilineLiterals(l.target.fn.body, sourceFile)), ...spawns.filter((e) => e.start < e.end)];
  for (const l of outermost) {
    for (let at = text.indexOf('\n', l.open) + 1; at > 0 && at < l.close; at = text.indexOf('\n', at) + 1) {
      const lineEnd = text.indexOf('\n', at);
      if (/^\s*$/.test(text.slice(at, lineEnd === -1 ? undefined : lineEnd))) continue;
      if (verbatim.some((range) => range.start < at && at < range.end)) continue;
      const indent = indentAddedAt(at);
      if (indent) edits.push({ start: at, end: at, text: indent, order: 1 });
    }
  }
  // At one offset: a closing line, then the indentation of the line that follows, then a spawn.
  edits.sort((a, b) => a.start - b.start || a.order - b.order);
  return spawnIntoScope([...declarations, ...edits.map(({ start, end, text }) => ({ start, end, text })), ...spawns], ['scope']);
}

interface Layout {
  target: WrapTarget;
  name: string;
  header: string;
  footer: string;
  open: number;
  close: number;
  singleLine: boolean;
  closeOnOwnLine: boolean;
  /** Where this body's reindented lines end: the start of the `}` line, or the `}`. */
  limit: number;
  base: string;
  unit: string;
}

function layoutOf(target: WrapTarget, scopeFn: string, sourceFile: TS.SourceFile): Layout {
  const { text } = sourceFile;
  const { body } = target.fn;
  const name = freeName(['s'], [target.fn], { reserved: [scopeFn], firstNumber: 1 });
  const passed = target.signal?.text;
  const signal = passed === undefined ? '' : `, { ${passed === 'signal' ? 'signal' : `signal: ${passed}`} }`;
  const open = body.getStart(sourceFile);
  const close = body.end - 1;
  const closeLineStart = text.lastIndexOf('\n', close - 1) + 1;
  const closeOnOwnLine = /^[ \t]*$/.test(text.slice(closeLineStart, close));
  const base = closeOnOwnLine ? text.slice(closeLineStart, close) : indentAt(text, open);
  return {
    target,
    name,
    header: `return ${scopeFn}(async (${name}) => {`,
    footer: `}${signal});`,
    open,
    close,
    singleLine: !text.slice(open, close).includes('\n'),
    closeOnOwnLine,
    limit: closeOnOwnLine ? closeLineStart : close,
    base,
    unit: indentUnit(body, base, sourceFile),
  };
}

function spawnEdits(site: SpawnSite, scopeName: string, context: AnalysisContext): TextEdit[] {
  const open = site.parenthesize ? '(' : '';
  const signal = signalParameterName([site.expression]);
  // The task's signal replaces the one in scope: the scope follows it, and also aborts when a sibling fails.
  const threaded = threadSignalEdits(site.expression, signal, context, signalInScope(site.expression, context)?.text);
  const parameters = threaded.length > 0 ? `(${signal})` : '()';
  return [
    { start: site.start, end: site.expressionStart, text: `${scopeName}.spawn(${parameters} => ${open}` },
    ...threaded,
    { start: site.expressionEnd, end: site.expressionEnd, text: `${open && ')'})` },
  ];
}

// One level of the file's indentation: what the body's first statement adds to the function's.
function indentUnit(body: TS.Block, base: string, sourceFile: TS.SourceFile): string {
  const first = body.statements[0];
  const indent = first ? indentAt(sourceFile.text, first.getStart(sourceFile)) : '';
  if (indent.startsWith(base) && indent.length > base.length) return indent.slice(base.length);
  return base.includes('\t') ? '\t' : '  ';
}

