// A script's entry: module-level code, and the function the module calls at
// its top level (`main()`, `main().catch(report)`, `void run()`). When work
// there fails the program ends, and whatever it started ends with it.
import type * as TS from 'typescript';

import { ts } from './compiler.js';
import { enclosingFunction, skipParentheses, unwrapExpression } from './syntax.js';

/** Whether `node` runs at module level, or directly (not in a callback) in the function the module calls as its entry. */
export function runsAsProgramEntry(node: TS.Node): boolean {
  const fn = enclosingFunction(node);
  if (!fn) return true;
  const name = functionName(fn);
  return name !== undefined && enclosingFunction(fn) === undefined && entryNames(node.getSourceFile()).has(name);
}

function functionName(fn: TS.SignatureDeclaration): string | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name?.text;
  const declaration = fn.parent;
  return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)
    ? declaration.name.text
    : undefined;
}

const entriesByFile = new WeakMap<TS.SourceFile, ReadonlySet<string>>();

/** The names of the functions the module's top-level statements call: `main();`, `await main()`, `main().catch(…)`, `void main()`. */
function entryNames(sourceFile: TS.SourceFile): ReadonlySet<string> {
  let names = entriesByFile.get(sourceFile);
  if (names) return names;
  const found = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isExpressionStatement(statement)) continue;
    let expression = unwrapExpression(statement.expression);
    while (ts.isVoidExpression(expression) || ts.isAwaitExpression(expression)) expression = unwrapExpression(expression.expression);
    // `main().catch(report)`, `main().then(exit)`: the chain's head.
    while (ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression) && ts.isCallExpression(skipParentheses(expression.expression.expression))) {
      expression = skipParentheses(expression.expression.expression);
    }
    if (ts.isCallExpression(expression) && ts.isIdentifier(expression.expression)) found.add(expression.expression.text);
  }
  names = found;
  entriesByFile.set(sourceFile, names);
  return names;
}
