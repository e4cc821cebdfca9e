import type * as TS from 'typescript';

import { ts } from './compiler.js';
import { RUNTIME_MODULE } from './runtime-imports.js';
import { skipParentheses } from './syntax.js';
import type { AnalysisContext } from './types.js';
import { lexicalBinding } from './value-flow.js';

/** Where a taskscope call takes its task functions, and which of their parameters gets the signal. */
interface TaskSlot {
  /** The argument holding the task, or, with `array`, the array of tasks. */
  argument: number;
  array?: true;
  /** The task's parameter that is the signal; `scope`: it is a Scope, whose `.signal` is. */
  signal: number | 'scope';
}

interface RuntimeExport {
  /** A call returns a promise. */
  resolves: boolean;
  /** The call runs function arguments as tasks of a scope. */
  tasks?: TaskSlot;
  /** Where the call takes a signal, known without types (the runtime may not be installed yet). */
  signal?: { kind: 'options' | 'parameter'; index: number };
}

/**
 * The value exports of the taskscope runtime, as core needs to know them.
 * The one list of them: a test checks it against packages/runtime/src/index.ts.
 */
export const RUNTIME_API: Readonly<Record<string, RuntimeExport | undefined>> = {
  scope: { resolves: true, tasks: { argument: 0, signal: 'scope' }, signal: { kind: 'options', index: 1 } },
  supervisor: { resolves: true, tasks: { argument: 0, signal: 'scope' }, signal: { kind: 'options', index: 1 } },
  openScope: { resolves: false },
  all: { resolves: true, tasks: { argument: 0, array: true, signal: 0 }, signal: { kind: 'options', index: 1 } },
  allSettled: { resolves: true, tasks: { argument: 0, array: true, signal: 0 }, signal: { kind: 'options', index: 1 } },
  race: { resolves: true, tasks: { argument: 0, array: true, signal: 0 }, signal: { kind: 'options', index: 1 } },
  any: { resolves: true, tasks: { argument: 0, array: true, signal: 0 }, signal: { kind: 'options', index: 1 } },
  map: { resolves: true, tasks: { argument: 1, signal: 1 }, signal: { kind: 'options', index: 2 } },
  withTimeout: { resolves: true, tasks: { argument: 1, signal: 0 }, signal: { kind: 'options', index: 2 } },
  moveOnAfter: { resolves: true, tasks: { argument: 1, signal: 0 }, signal: { kind: 'options', index: 2 } },
  hedge: { resolves: true, tasks: { argument: 0, signal: 0 }, signal: { kind: 'options', index: 1 } },
  sleep: { resolves: true, signal: { kind: 'parameter', index: 1 } },
  retry: { resolves: true, tasks: { argument: 0, signal: 0 }, signal: { kind: 'options', index: 1 } },
  limiter: { resolves: false },
  TimeoutError: { resolves: false },
  ScopeClosedError: { resolves: false },
  suppressedErrors: { resolves: false },
};

/**
 * The taskscope export a call refers to (`all(…)` → 'all', `ts.all(…)` → 'all'),
 * found through the file's imports, so a local `map` is not mistaken for it.
 */
export function taskscopeCallee(call: TS.CallExpression, sourceFile: TS.SourceFile): string | undefined {
  const callee = skipParentheses(call.expression);
  const bindings = taskscopeBindings(sourceFile);
  if (ts.isIdentifier(callee)) return bindings.named.get(callee.text);
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
    return bindings.namespaces.has(callee.expression.text) ? callee.name.text : undefined;
  }
  return undefined;
}

/**
 * True when `node` runs inside a taskscope scope: within a function passed to
 * `scope`, `all`, `map`, … or spawned with `s.spawn` / `s.start` on a scope
 * (not `worker.start(fn)`). Such work has an owner that cancels and awaits it.
 */
export function isInsideScope(node: TS.Node, context: AnalysisContext): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (!ts.isArrowFunction(current) && !ts.isFunctionExpression(current)) continue;
    const call = argumentOwner(current);
    if (!call) continue;
    const name = taskscopeCallee(call, context.sourceFile);
    if (name !== undefined && RUNTIME_API[name]?.tasks) return true;
    if (isOwnedSpawn(call, context)) return true;
  }
  return false;
}

/** `x.spawn(fn)` / `x.start(fn)` by shape; `isOwnedSpawn` also checks that `x` is a scope. */
export function isSpawnCall(call: TS.CallExpression): boolean {
  const callee = skipParentheses(call.expression);
  return ts.isPropertyAccessExpression(callee) && (callee.name.text === 'spawn' || callee.name.text === 'start');
}

/** The call that a function (possibly inside an array literal of tasks) is an argument of. */
function argumentOwner(fn: TS.Node): TS.CallExpression | undefined {
  let parent = fn.parent;
  while (parent && (ts.isParenthesizedExpression(parent) || ts.isArrayLiteralExpression(parent) || ts.isAsExpression(parent))) {
    parent = parent.parent;
  }
  return parent && ts.isCallExpression(parent) && parent.arguments.some((a) => a.pos <= fn.pos && fn.end <= a.end)
    ? parent
    : undefined;
}

interface Bindings {
  named: Map<string, string>;
  namespaces: Set<string>;
}

const bindingsByFile = new WeakMap<TS.SourceFile, Bindings>();

function taskscopeBindings(sourceFile: TS.SourceFile): Bindings {
  let bindings = bindingsByFile.get(sourceFile);
  if (bindings) return bindings;
  bindings = { named: new Map(), namespaces: new Set() };
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.moduleSpecifier.text !== RUNTIME_MODULE) continue;
    const named = statement.importClause?.namedBindings;
    if (named && ts.isNamespaceImport(named)) bindings.namespaces.add(named.name.text);
    if (named && ts.isNamedImports(named)) {
      for (const element of named.elements) bindings.named.set(element.name.text, (element.propertyName ?? element.name).text);
    }
  }
  bindingsByFile.set(sourceFile, bindings);
  return bindings;
}

/** `s.spawn(fn)` / `s.start(fn)` on a taskscope scope: the scope owns the task and observes its failure. */
export function isOwnedSpawn(call: TS.CallExpression, context: AnalysisContext): boolean {
  if (!isSpawnCall(call)) return false;
  return isScopeValue((skipParentheses(call.expression) as TS.PropertyAccessExpression).expression, context);
}

/**
 * Whether `expression` is a taskscope Scope: the parameter of a `scope(…)`
 * body, an `openScope()` binding, or (typed) a value shaped like a Scope.
 */
export function isScopeValue(expression: TS.Expression, context: AnalysisContext): boolean {
  const node = skipParentheses(expression);
  if (ts.isIdentifier(node)) {
    const binding = lexicalBinding(node);
    if (binding && ts.isParameter(binding)) {
      const fn = binding.parent;
      if (isScopeBody(fn, context.sourceFile) && fn.parameters[0] === binding) return true;
    }
    if (binding && ts.isVariableDeclaration(binding) && binding.initializer) {
      let init = skipParentheses(binding.initializer);
      if (ts.isAwaitExpression(init)) init = skipParentheses(init.expression);
      if (ts.isCallExpression(init) && taskscopeCallee(init, context.sourceFile) === 'openScope') return true;
    }
  }
  const { checker } = context;
  if (!checker) return false;
  const type = checker.getApparentType(checker.getTypeAtLocation(node));
  return ['spawn', 'start', 'cancel', 'signal'].every((name) => type.getProperty(name) !== undefined);
}

/** A function passed as the body of taskscope's `scope(body)` or `supervisor(body)`: it is given a Scope. */
export function isScopeBody(fn: TS.Node, sourceFile: TS.SourceFile): fn is TS.ArrowFunction | TS.FunctionExpression {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  let argument: TS.Node = fn;
  while (ts.isParenthesizedExpression(argument.parent)) argument = argument.parent;
  const call = argument.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== argument) return false;
  const callee = taskscopeCallee(call, sourceFile);
  return callee === 'scope' || callee === 'supervisor';
}
