// What each ESLint rule of eslint-plugin-taskscope asks of a node before it
// hands the node to its detector (packages/eslint-plugin/src/rules/*.ts), asked
// here of the TypeScript node that the rule's ESTree node maps to, so that
// `taskscope check` runs each detector exactly where ESLint does. ESTree drops
// parentheses and spells a few shapes apart (`import()` is an
// ImportExpression, an optional chain a ChainExpression, a template literal is
// no Literal): these follow ESTree. Most of these tests only save the detector
// some work; the few that change findings are listed in docs/benchmarks.md.
import { type AnalysisContext, ITERATION_METHODS, RUNTIME_MODULE, type RuleId } from '@taskscope/core';
import { ts } from 'ts-morph';

type Filter = (node: ts.Node, context: AnalysisContext) => boolean;

/** The test of each rule's listener; a rule that is not listed hands its detector every node of its kinds. */
export const ruleFilters: Readonly<Record<RuleId, Filter>> = {
  'no-floating-promises': (node) => {
    // ExpressionStatement: every one. VariableDeclarator: a name bound to work being started.
    if (ts.isVariableDeclaration(node)) return ts.isIdentifier(node.name) && node.initializer !== undefined && startsWork(node.initializer);
    // ArrowFunctionExpression: a `void` body.
    if (ts.isArrowFunction(node)) return !ts.isBlock(node.body) && ts.isVoidExpression(skipParentheses(node.body));
    return true;
  },
  'no-orphaned-fan-out': (node) => {
    const name = isCall(node) ? calleePropertyName(node) : undefined;
    return name === 'all' || name === 'any';
  },
  'no-unchecked-settled': (node, context) => {
    if (!isCall(node)) return false;
    const callee = skipParentheses(node.expression);
    return ts.isIdentifier(callee) ? allSettledNames(context.sourceFile).has(callee.text) : calleePropertyName(node) === 'allSettled';
  },
  'no-uncancelled-race': (node) => isCall(node) && calleePropertyName(node) === 'race',
  'no-async-iteration-callback': (node) => {
    if (!isCall(node) || node.arguments.length === 0) return false;
    const method = calleePropertyName(node);
    return method !== undefined && ITERATION_METHODS.has(method);
  },
  // The rule's other test, calls by plain name only without types, never applies: the check is always typed.
  'require-signal-propagation': (node) => isCall(node) && isInsideFunction(node),
  'no-unbounded-fan-out': (node) => {
    // The first argument must be able to hold a `.map(…)` / `Array.from(…)`.
    const first = isCall(node) ? node.arguments[0] : undefined;
    if (!first) return false;
    const value = withoutTypeWrappers(first);
    if (ts.isIdentifier(value) || isLogical(value) || isChain(value)) return true;
    if (!isCall(value)) return false;
    const name = calleePropertyName(value);
    return name === 'map' || name === 'from';
  },
};

/** An ESTree CallExpression: `import(…)` is a call to TypeScript, an ImportExpression to ESTree. */
function isCall(node: ts.Node): node is ts.CallExpression {
  return ts.isCallExpression(node) && node.expression.kind !== ts.SyntaxKind.ImportKeyword;
}

/**
 * The plugin's `calleePropertyName`: `a.race()`, `a['race']()`, `a.#race()` → 'race'.
 * A template literal key is not an ESTree Literal, and a parenthesized optional
 * chain `(a?.race)()` is a ChainExpression callee, not a MemberExpression.
 */
function calleePropertyName(call: ts.CallExpression): string | undefined {
  const callee = skipParentheses(call.expression);
  if (callee !== call.expression && isChain(callee)) return undefined;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (!ts.isElementAccessExpression(callee)) return undefined;
  const key = skipParentheses(callee.argumentExpression);
  return ts.isStringLiteral(key) ? key.text : undefined;
}

/** The initializers no-floating-promises looks at: CallExpression, NewExpression, TaggedTemplateExpression, ChainExpression. */
function startsWork(initializer: ts.Expression): boolean {
  const value = skipParentheses(initializer);
  return isCall(value) || ts.isNewExpression(value) || ts.isTaggedTemplateExpression(value) || isChain(value);
}

/** A node of an optional chain (`a?.b`, `a?.b()`, `a?.b!`): ESTree wraps the outermost one in a ChainExpression. */
function isChain(node: ts.Node): boolean {
  return ts.isOptionalChain(node);
}

function isLogical(node: ts.Node): boolean {
  if (!ts.isBinaryExpression(node)) return false;
  const operator = node.operatorToken.kind;
  return operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken;
}

/** `xs.map(f) as T[]`, `xs.map(f)!`, `<T[]>xs.map(f)`, `… satisfies T[]`, and parentheses, which ESTree drops. */
function withoutTypeWrappers(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isTypeAssertionExpression(current) ||
    ts.isNonNullExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

function skipParentheses(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}

/**
 * The plugin's `isInsideFunction`, in ESTree's functions: a function or arrow
 * expression, or the parameters and body of a declaration, method, accessor or
 * constructor that has a body (a method's key and decorators are outside its
 * ESTree FunctionExpression; one without a body is no function to ESTree).
 */
function isInsideFunction(node: ts.Node): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isFunctionExpression(parent) || ts.isArrowFunction(parent)) return true;
    const body = declaredBody(parent);
    if (body && (child === body || ts.isParameter(child))) return true;
  }
  return false;
}

function declaredBody(node: ts.Node): ts.Node | undefined {
  const declaration =
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node);
  return declaration ? node.body : undefined;
}

const namesByFile = new WeakMap<ts.SourceFile, ReadonlySet<string>>();

/** `allSettled` and the local names a top-level import gives taskscope's `allSettled` (`import { allSettled as settle }`). */
function allSettledNames(sourceFile: ts.SourceFile): ReadonlySet<string> {
  let names = namesByFile.get(sourceFile);
  if (names) return names;
  const found = new Set(['allSettled']);
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== RUNTIME_MODULE) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      const imported = element.propertyName ?? element.name;
      if (ts.isIdentifier(imported) && imported.text === 'allSettled') found.add(element.name.text);
    }
  }
  namesByFile.set(sourceFile, (names = found));
  return names;
}
