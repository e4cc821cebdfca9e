import type * as TS from 'typescript';

import { ts } from './compiler.js';
import { spelling } from './spelling.js';
import { isFunctionExpressionLike, unwrapExpression } from './syntax.js';
import type { AnalysisContext } from './types.js';

/**
 * Following a value within one file: through the names it is bound to (typed:
 * by symbol; syntactic: by name through the enclosing scopes, with shadowing
 * by nested declarations respected; hoisting is not modelled) and through the
 * wrappers that don't change it.
 */

/** A function's single expression: an arrow's expression body, or the one statement of a block (`return x;` or `x;`). */
export function returnedExpression(fn: TS.FunctionLikeDeclaration): TS.Expression | undefined {
  const body = fn.body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return unwrapExpression(body);
  const [statement] = body.statements;
  if (body.statements.length !== 1 || !statement) return undefined;
  if (ts.isReturnStatement(statement) || ts.isExpressionStatement(statement)) {
    return statement.expression && unwrapExpression(statement.expression);
  }
  return undefined;
}

/** Every value a function returns: an arrow's expression body, or each `return`'s expression outside nested functions (a bare `return` gives none). */
export function returnedValues(fn: TS.FunctionLikeDeclaration): TS.Expression[] {
  const body = fn.body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [unwrapExpression(body)];
  const values: TS.Expression[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) values.push(unwrapExpression(node.expression));
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return values;
}

/** The node that declares a name: a variable (also in a pattern), a parameter, a function, a catch variable. */
export type BindingDeclaration = TS.VariableDeclaration | TS.ParameterDeclaration | TS.BindingElement | TS.FunctionDeclaration;

/** The same-file declaration `id` refers to, or undefined (an import, a global, another file). */
export function declarationOf(id: TS.Identifier, context: AnalysisContext): BindingDeclaration | undefined {
  const { checker, sourceFile } = context;
  if (checker) {
    const declarations = symbolOf(id, checker)?.declarations ?? [];
    return declarations.find(
      (declaration): declaration is BindingDeclaration => isBindingDeclaration(declaration) && declaration.getSourceFile() === sourceFile,
    );
  }
  for (let scope = nextScope(id); scope; scope = nextScope(scope)) {
    const declared = declaredIn(scope, id.text);
    if (declared) return declared;
  }
  return undefined;
}

/**
 * Every read of the binding that `name` declares (not `name` itself, and not the
 * targets of plain `=` assignments), in source order.
 */
export function referencesOf(name: TS.Identifier, context: AnalysisContext): TS.Identifier[] {
  const { checker, sourceFile } = context;
  const root = scopeOfDeclaration(name);
  if (!root) return [];
  const symbol = checker && symbolOf(name, checker);
  const found: TS.Identifier[] = [];
  const maySpellName = spelling(sourceFile, name.text);
  const visit = (node: TS.Node): void => {
    if (!maySpellName(node)) return; // no read of it below
    if (ts.isIdentifier(node)) {
      if (node !== name && node.text === name.text && isRead(node)) {
        const same = symbol ? symbolOf(node, checker) === symbol : !isShadowed(node, root, name.text);
        if (same) found.push(node);
      }
      return;
    }
    // Names in types (`r is T`, `typeof x`) never read the value.
    if (ts.isTypeNode(node)) return;
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/** The identifiers a binding name introduces: `a`, `{ a, b: [c] }` → a, c. */
function boundIdentifiers(name: TS.BindingName): TS.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : boundIdentifiers(element.name)));
}

function symbolOf(id: TS.Identifier, checker: TS.TypeChecker): TS.Symbol | undefined {
  const parent = id.parent;
  if (ts.isShorthandPropertyAssignment(parent) && parent.name === id) return checker.getShorthandAssignmentValueSymbol(parent);
  return checker.getSymbolAtLocation(id);
}

function isBindingDeclaration(node: TS.Node): node is BindingDeclaration {
  return ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node) || ts.isFunctionDeclaration(node);
}

/** Nodes that open a scope for the declarations `declaredIn` looks at. */
function isScope(node: TS.Node): boolean {
  return (
    ts.isSourceFile(node) ||
    ts.isBlock(node) ||
    ts.isModuleBlock(node) ||
    ts.isCaseBlock(node) ||
    ts.isFunctionLike(node) ||
    ts.isForStatement(node) ||
    ts.isForOfStatement(node) ||
    ts.isForInStatement(node) ||
    ts.isCatchClause(node)
  );
}

function nextScope(node: TS.Node): TS.Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (isScope(current)) return current;
  return undefined;
}

/** The declaration of `name` made directly in `scope`, if any. */
function declaredIn(scope: TS.Node, name: string): BindingDeclaration | undefined {
  const lists: TS.VariableDeclarationList[] = [];
  const candidates: (TS.VariableDeclaration | TS.ParameterDeclaration)[] = [];
  if (ts.isFunctionLike(scope)) {
    candidates.push(...scope.parameters);
  } else if (ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) {
    if (scope.initializer && ts.isVariableDeclarationList(scope.initializer)) lists.push(scope.initializer);
  } else if (ts.isCatchClause(scope)) {
    if (scope.variableDeclaration) candidates.push(scope.variableDeclaration);
  } else {
    const statements = ts.isCaseBlock(scope) ? scope.clauses.flatMap((clause) => [...clause.statements]) : (scope as TS.Block).statements;
    for (const statement of statements) {
      if (ts.isVariableStatement(statement)) lists.push(statement.declarationList);
      if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) return statement;
    }
  }
  for (const list of lists) candidates.push(...list.declarations);
  for (const candidate of candidates) {
    const match = boundIdentifiers(candidate.name).find((id) => id.text === name);
    if (match) return match.parent as BindingDeclaration;
  }
  return undefined;
}

/** Where a declaration's name is visible: its block, its function (for `var` and parameters), its loop or catch clause. */
function scopeOfDeclaration(name: TS.Identifier): TS.Node | undefined {
  let declaration: TS.Node = name.parent;
  while (ts.isBindingElement(declaration) || ts.isObjectBindingPattern(declaration) || ts.isArrayBindingPattern(declaration)) {
    declaration = declaration.parent;
  }
  if (ts.isParameter(declaration)) return declaration.parent;
  if (ts.isFunctionDeclaration(declaration)) return declaration.parent;
  if (!ts.isVariableDeclaration(declaration)) return undefined;
  const list = declaration.parent;
  if (ts.isCatchClause(list)) return list;
  const isVar = (list.flags & ts.NodeFlags.BlockScoped) === 0;
  if (isVar) {
    for (let current: TS.Node | undefined = list.parent; current; current = current.parent) {
      if (ts.isFunctionLike(current) || ts.isSourceFile(current)) return current;
    }
  }
  return ts.isVariableStatement(list.parent) ? list.parent.parent : list.parent;
}

/** Whether an identifier reads a variable: not a property name, a declaration, a type, or an assignment target. */
function isRead(id: TS.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return false;
  if (ts.isQualifiedName(parent) && parent.right === id) return false;
  if (
    (ts.isPropertyAssignment(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isPropertySignature(parent) ||
      ts.isGetAccessor(parent) ||
      ts.isSetAccessor(parent) ||
      ts.isEnumMember(parent) ||
      ts.isJsxAttribute(parent)) &&
    parent.name === id
  ) {
    return false;
  }
  if (ts.isBindingElement(parent) && (parent.name === id || parent.propertyName === id)) return false;
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionLike(parent)) && parent.name === id) return false;
  if (ts.isTypeReferenceNode(parent) || ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent)) return false;
  return !(ts.isBinaryExpression(parent) && parent.left === id && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken);
}

/** Syntactic: a declaration of the same name between the identifier and the declaring scope hides it. */
function isShadowed(id: TS.Identifier, root: TS.Node, name: string): boolean {
  for (let scope = nextScope(id); scope && scope !== root; scope = nextScope(scope)) {
    if (declaredIn(scope, name)) return true;
  }
  return false;
}

/**
 * The declaration an identifier refers to, found lexically: the nearest
 * enclosing parameter or `let`/`const`/`var` statement binding that name.
 * Syntactic on purpose, so it works without a checker.
 */
export function lexicalBinding(identifier: TS.Identifier): TS.ParameterDeclaration | TS.VariableDeclaration | undefined {
  const name = identifier.text;
  for (let current = identifier.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) {
      const parameter = current.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name);
      if (parameter) return parameter;
    }
    const statements = blockStatements(current);
    if (!statements) continue;
    for (const statement of statements) {
      if (!ts.isVariableStatement(statement)) continue;
      const found = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name);
      if (found) return found;
    }
  }
  return undefined;
}

/** The statements a block-like node holds directly, or undefined for any other node. */
export function blockStatements(node: TS.Node): TS.NodeArray<TS.Statement> | undefined {
  if (ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) {
    return node.statements;
  }
  return undefined;
}

/** Whether a binding name (`a`, `{ a, b: [c] }`) introduces `name`. */
export function bindsName(binding: TS.BindingName, name: string): boolean {
  return boundIdentifiers(binding).some((id) => id.text === name);
}

/**
 * The initializer of the `const` an identifier refers to. Typed: through its
 * symbol, in any file. Syntactic: the declaration `declarationOf` finds.
 */
export function constInitializer(identifier: TS.Identifier, context: AnalysisContext): TS.Expression | undefined {
  const declaration = context.checker ? context.checker.getSymbolAtLocation(identifier)?.valueDeclaration : declarationOf(identifier, context);
  return declaration && isConstDeclaration(declaration) ? declaration.initializer : undefined;
}

/** The function a name is bound to where it is declared: a function declaration, or a `const` set to a function expression. */
export function boundFunction(name: TS.Identifier, context: AnalysisContext): TS.FunctionLikeDeclaration | undefined {
  const declaration = declarationOf(name, context);
  if (declaration && ts.isFunctionDeclaration(declaration)) return declaration;
  if (!declaration || !isConstDeclaration(declaration)) return undefined;
  const fn = unwrapExpression(declaration.initializer);
  return isFunctionExpressionLike(fn) ? fn : undefined;
}

function isConstDeclaration(node: TS.Node): node is TS.VariableDeclaration & { initializer: TS.Expression } {
  return (
    ts.isVariableDeclaration(node) &&
    ts.isIdentifier(node.name) &&
    node.initializer !== undefined &&
    ts.isVariableDeclarationList(node.parent) &&
    (node.parent.flags & ts.NodeFlags.Const) !== 0
  );
}
