import type * as TS from 'typescript';

import { ts } from './compiler.js';
import { declaredNames, signalParameterName } from './names.js';
import { RUNTIME_API, isSpawnCall, taskscopeCallee } from './runtime-api.js';
import { bindingPropertyName, holdsAbortSignal, isAbortSignalAnnotation, isAbortSignalType } from './signal-slots.js';
import { spelling } from './spelling.js';
import { enclosingFunction, isFunctionExpressionLike, skipParentheses } from './syntax.js';
import type { AnalysisContext, TextEdit } from './types.js';

/** An AbortSignal that code at some point can pass on. */
export interface SignalInScope {
  /** The expression to pass: `signal`, `opts.signal`, `s.signal`. */
  text: string;
  /** Its type, when the checker knows it. */
  type?: TS.Type;
  /**
   * Set when it comes from a taskscope task that is given a signal but doesn't
   * declare the parameter: the edit that declares it as `signal`.
   */
  declare?: TextEdit;
  /** What it may be instead of a signal: `undefined` (an optional parameter), `null`, or neither. */
  absent?: 'undefined' | 'null';
}

/**
 * The signal visible at `node`, from the innermost function that provides one:
 * - a parameter annotated with a type that is AbortSignal (syntactic: named
 *   `signal` or annotated `AbortSignal`); unannotated: named `signal`;
 * - a parameter destructuring `{ signal }` (or `{ signal: s }`);
 * - a parameter with a `signal` property, read as `opts.signal` (annotated and
 *   typed: its type has a `signal` typed AbortSignal; otherwise: the function
 *   reads `opts.signal` somewhere);
 * - the signal a taskscope task fn is given (`all([(s) => …])`,
 *   `map(xs, (x, signal) => …)`, `retry((signal) => …)`, `scope((s) => …)` →
 *   `s.signal`, a scope's `spawn`/`start`), declared or not.
 *
 * Lookups pass outward only through callbacks (function expressions passed
 * as arguments), which run as part of the same work, and stop at any other
 * function (declarations, methods, functions stored for later) and at a
 * callback that declares a binding of the signal's name.
 */
export function signalInScope(node: TS.Node, context: AnalysisContext): SignalInScope | undefined {
  const crossed: TS.SignatureDeclaration[] = [];
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const signal = providedSignal(fn, context) ?? localSignal(fn, node, context);
    if (signal) {
      const root = /^[\w$]+/.exec(signal.text)?.[0] ?? signal.text;
      // A `function` expression rebinds `this`; any callback can shadow a name.
      const hidden = crossed.some((inner) => (root === 'this' ? !ts.isArrowFunction(inner) : declaredNames(inner).has(root)));
      return hidden ? undefined : { ...signal, absent: signal.absent ?? absenceOf(signal.type) };
    }
    if (!isCallback(fn)) return undefined;
    crossed.push(fn);
  }
  return undefined;
}

/**
 * Where `root` refers to the signal in scope written `signal` (`signal`,
 * `opts.signal`, `this.signal`): not as a declaration or property name, and
 * not inside a function that binds the name it starts with (or, for `this`,
 * rebinds `this`).
 */
export function signalReferences(root: TS.Node, signal: string, sourceFile: TS.SourceFile): TS.Expression[] {
  const head = /^[\w$]+/.exec(signal)?.[0] ?? signal;
  const found: TS.Expression[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isFunctionLike(node) && (head === 'this' ? !ts.isArrowFunction(node) : declaredNames(node).has(head))) return;
    if (isWrittenAs(node as TS.Expression, signal, sourceFile) && (!ts.isIdentifier(node) || isReference(node))) found.push(node as TS.Expression);
    else ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/**
 * Whether `expression` is written as the signal's text (`signal`, `opts.signal`,
 * `this.signal`). Only a name, `this` or a `.signal` access can be, so the text
 * of anything else (a callback, an object literal) is never read.
 */
export function isWrittenAs(expression: TS.Expression, signal: string, sourceFile: TS.SourceFile): boolean {
  const node = skipParentheses(expression);
  const shaped = ts.isIdentifier(node) || node.kind === ts.SyntaxKind.ThisKeyword || (ts.isPropertyAccessExpression(node) && node.name.text === 'signal');
  return shaped && node.getText(sourceFile) === signal;
}

// `x` in `(x) => …`, `{ x: 1 }`, `a.x`, `const { x } = …` names something; elsewhere it is read.
function isReference(identifier: TS.Identifier): boolean {
  const { parent } = identifier;
  const named =
    ts.isParameter(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyAccessExpression(parent) || ts.isBindingElement(parent) || ts.isVariableDeclaration(parent);
  return !(named && parent.name === identifier);
}

const providedByFunction = new WeakMap<TS.Node, SignalInScope | null>();

function providedSignal(fn: TS.SignatureDeclaration, context: AnalysisContext): SignalInScope | undefined {
  let provided = providedByFunction.get(fn);
  if (provided === undefined) {
    provided = taskSignal(fn, context) ?? parameterSignal(fn, context) ?? null;
    providedByFunction.set(fn, provided);
  }
  return provided ?? undefined;
}

/**
 * A signal the function's body holds in a `const` declared before `node`:
 * destructured from options under any name ending in `signal`
 * (`const { abortSignal } = options`, `const { signal: stop } = init`), or
 * (typed) any `const` of type AbortSignal.
 */
function localSignal(fn: TS.SignatureDeclaration, node: TS.Node, context: AnalysisContext): SignalInScope | undefined {
  const body = (fn as TS.FunctionLikeDeclaration).body;
  if (!body || !ts.isBlock(body)) return undefined;
  for (const statement of body.statements) {
    if (statement.end > node.pos) break;
    if (!ts.isVariableStatement(statement) || (statement.declarationList.flags & ts.NodeFlags.Const) === 0) continue;
    for (const declaration of statement.declarationList.declarations) {
      const { name } = declaration;
      if (ts.isObjectBindingPattern(name)) {
        const element = name.elements.find((e) => /signal$/i.test(bindingPropertyName(e) ?? ''));
        if (element && ts.isIdentifier(element.name)) return { text: element.name.text, type: context.checker?.getTypeAtLocation(element.name) };
      } else if (ts.isIdentifier(name) && context.checker && isAbortSignalType(context.checker.getTypeAtLocation(name))) {
        return { text: name.text, type: context.checker.getTypeAtLocation(name) };
      }
    }
  }
  return undefined;
}

function parameterSignal(fn: TS.SignatureDeclaration, context: AnalysisContext): SignalInScope | undefined {
  const { checker } = context;
  let carriers: ReadonlySet<string> | undefined;
  for (const parameter of fn.parameters) {
    const { name } = parameter;
    if (ts.isObjectBindingPattern(name)) {
      const local = name.elements.find((e) => bindingPropertyName(e) === 'signal')?.name;
      if (!local || !ts.isIdentifier(local)) continue;
      const type = parameter.type && checker?.getTypeAtLocation(local);
      if (!type || isAbortSignalType(type) || isAny(type)) return { text: local.text, type };
      continue;
    }
    if (!ts.isIdentifier(name)) continue;
    // Only annotated parameters are worth a query (a callback's contextual type is costly to
    // resolve, and taskscope tasks are known by position); otherwise names and reads tell.
    const type = parameter.type && checker?.getTypeAtLocation(name);
    if (!checker || !type || isAny(type)) {
      if (name.text === 'signal' || isAbortSignalAnnotation(parameter.type)) {
        return { text: name.text, type, absent: parameter.questionToken ? 'undefined' : undefined };
      }
      carriers ??= signalCarriers(fn, context.sourceFile);
      if (carriers.has(name.text)) return { text: `${name.text}.signal` };
      continue;
    }
    if (isAbortSignalType(type)) return { text: name.text, type };
    const property = type.getNonNullableType().getProperty('signal');
    if (property && holdsAbortSignal(property, checker) && !isOptional(type)) {
      return { text: `${name.text}.signal`, type: checker.getTypeOfSymbol(property) };
    }
  }
  return undefined;
}

function absenceOf(type: TS.Type | undefined): SignalInScope['absent'] {
  if (!type?.isUnion()) return undefined;
  if (type.types.some((part) => (part.flags & ts.TypeFlags.Null) !== 0)) return 'null';
  return type.types.some((part) => (part.flags & ts.TypeFlags.Undefined) !== 0) ? 'undefined' : undefined;
}

// `opts?: { signal?: AbortSignal }`: `opts.signal` would not compile without `?.`.
function isOptional(type: TS.Type): boolean {
  return type.isUnion() && type.types.some((part) => (part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) !== 0);
}

function isAny(type: TS.Type): boolean {
  return (type.flags & ts.TypeFlags.Any) !== 0;
}

/** Which parameter of a taskscope task fn receives the signal; `scope` bodies get a Scope instead. */
interface TaskParameter {
  index: number;
  /** The parameter is a Scope whose `.signal` is the signal. */
  scope: boolean;
}

function taskSignal(fn: TS.SignatureDeclaration, context: AnalysisContext): SignalInScope | undefined {
  if (!isFunctionExpressionLike(fn)) return undefined;
  const task = taskParameter(fn, context.sourceFile);
  if (!task) return undefined;
  const parameter = fn.parameters[task.index];
  if (parameter) {
    if (!ts.isIdentifier(parameter.name)) return undefined;
    const name = parameter.name.text;
    return { text: task.scope ? `${name}.signal` : name };
  }
  // The declared name must not capture a `signal` the body already refers to.
  const name = signalParameterName([fn]);
  if (fn.parameters.some((p) => p.dotDotDotToken)) return undefined;
  return { text: name, declare: declareSignalEdit(fn, task, name, context.sourceFile) };
}

function taskParameter(fn: TS.ArrowFunction | TS.FunctionExpression, sourceFile: TS.SourceFile): TaskParameter | undefined {
  let argument: TS.Node = fn;
  let inArray = false;
  while (ts.isParenthesizedExpression(argument.parent) || ts.isArrayLiteralExpression(argument.parent)) {
    inArray ||= ts.isArrayLiteralExpression(argument.parent);
    argument = argument.parent;
  }
  const call = argument.parent;
  if (!ts.isCallExpression(call)) return undefined;
  const position = call.arguments.indexOf(argument as TS.Expression);
  if (position < 0) return undefined;
  const name = taskscopeCallee(call, sourceFile);
  const tasks = name === undefined ? undefined : RUNTIME_API[name]?.tasks;
  if (tasks) {
    if (position !== tasks.argument || inArray !== (tasks.array === true)) return undefined;
    return tasks.signal === 'scope' ? { index: 0, scope: true } : { index: tasks.signal, scope: false };
  }
  return !inArray && position === 0 && isScopeSpawn(call, sourceFile) ? { index: 0, scope: false } : undefined;
}

// `s.spawn(fn)` / `s.start(fn)` where `s` is the Scope a taskscope `scope` body was given.
function isScopeSpawn(call: TS.CallExpression, sourceFile: TS.SourceFile): boolean {
  if (!isSpawnCall(call)) return false;
  const receiver = skipParentheses((call.expression as TS.PropertyAccessExpression).expression);
  if (!ts.isIdentifier(receiver)) return false;
  for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn)) {
    const first = fn.parameters[0];
    if (!first || !ts.isIdentifier(first.name) || first.name.text !== receiver.text) continue;
    return isFunctionExpressionLike(fn) && taskParameter(fn, sourceFile)?.scope === true;
  }
  return false;
}

/**
 * `() => …` → `(signal) => …`, `x => …` → `(x, signal) => …`, `map`'s
 * `() => …` → `(_item, signal) => …`, a scope body → `({ signal }) => …`.
 * The whole parameter list is replaced, so two fixes that declare the same
 * signal carry the same edit.
 */
function declareSignalEdit(
  fn: TS.ArrowFunction | TS.FunctionExpression,
  task: TaskParameter,
  name: string,
  sourceFile: TS.SourceFile,
): TextEdit {
  const names = fn.parameters.map((p) => p.getText(sourceFile));
  while (names.length < task.index) names.push('_item');
  names.push(task.scope ? `{ ${name === 'signal' ? name : `signal: ${name}`} }` : name);
  const open = fn.getChildren(sourceFile).find((child) => child.kind === ts.SyntaxKind.OpenParenToken);
  const close = fn.getChildren(sourceFile).find((child) => child.kind === ts.SyntaxKind.CloseParenToken);
  const text = `(${names.join(', ')})`;
  if (open && close) return { start: open.getStart(sourceFile), end: close.end, text };
  // A single unparenthesised arrow parameter.
  const only = fn.parameters[0]!;
  return { start: only.getStart(sourceFile), end: only.end, text };
}

/** A function expression passed as an argument (directly or in an array of tasks): it runs as part of the call. */
function isCallback(fn: TS.SignatureDeclaration): boolean {
  if (!isFunctionExpressionLike(fn)) return false;
  let argument: TS.Node = fn;
  while (ts.isParenthesizedExpression(argument.parent) || ts.isArrayLiteralExpression(argument.parent)) argument = argument.parent;
  const owner = argument.parent;
  return (ts.isCallExpression(owner) || ts.isNewExpression(owner)) && (owner.arguments?.includes(argument as TS.Expression) ?? false);
}

// The names `x` the function reads `x.signal` of (not `x?.signal`) somewhere: options objects carrying one.
function signalCarriers(fn: TS.SignatureDeclaration, sourceFile: TS.SourceFile): ReadonlySet<string> {
  const names = new Set<string>();
  const maySpellSignal = spelling(sourceFile, 'signal');
  const visit = (node: TS.Node): void => {
    if (!maySpellSignal(node)) return;
    if (ts.isPropertyAccessExpression(node) && !node.questionDotToken && node.name.text === 'signal' && ts.isIdentifier(node.expression)) {
      names.add(node.expression.text);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn, visit);
  return names;
}
