import type * as TS from 'typescript';
import { ts } from './compiler.js';

import { isOwnedSpawn } from './floating.js';
import { RUNTIME_MODULE } from './runtime-imports.js';
import { skipParentheses } from './syntax.js';
import type { AnalysisContext } from './types.js';

/** Calls whose function arguments run as tasks of a taskscope scope. */
const scopedEntryPoints: ReadonlySet<string> = new Set([
  'scope',
  'all',
  'allSettled',
  'race',
  'any',
  'map',
  'withTimeout',
  'moveOnAfter',
  'retry',
]);

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
    if (name !== undefined && scopedEntryPoints.has(name)) return true;
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
