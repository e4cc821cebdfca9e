// The function a call runs, where its body can be read: what the analyses of
// what a call does (can it reject, is it work worth cancelling) look into.
import type * as TS from 'typescript';

import { ts } from './compiler.js';
import { skipParentheses, unwrapExpression } from './syntax.js';
import type { AnalysisContext } from './types.js';
import { declarationOf } from './value-flow.js';

/**
 * The function a call runs, when its body can be read: typed, the callee's
 * declaration in any source file (not a declaration file); syntactic, a
 * function of this file bound to the name, or a method of this class called
 * on `this`.
 */
export function calledFunction(call: TS.CallExpression | TS.NewExpression, context: AnalysisContext): TS.FunctionLikeDeclaration | undefined {
  const callee = skipParentheses(call.expression);
  const { checker } = context;
  if (checker) {
    const symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
    return symbol && functionOfSymbol(symbol, checker);
  }
  if (ts.isIdentifier(callee)) return functionNamed(callee, context);
  if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) return methodOfThisClass(call, callee.name.text);
  return undefined;
}

/**
 * The function a callback argument names: `load`, `this.load`, `helpers.load`,
 * `this.load.bind(this)`; typed by symbol, syntactic for a name of this file or
 * a method of this class.
 */
export function functionReferenced(callback: TS.Expression, context: AnalysisContext): TS.FunctionLikeDeclaration | undefined {
  let node = skipParentheses(callback);
  // `f.bind(x)` runs f.
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'bind') node = skipParentheses(node.expression.expression);
  if (ts.isIdentifier(node)) return functionNamed(node, context);
  if (!ts.isPropertyAccessExpression(node)) return undefined;
  const { checker } = context;
  if (checker) {
    const symbol = checker.getSymbolAtLocation(node.name);
    return symbol && functionOfSymbol(symbol, checker);
  }
  return node.expression.kind === ts.SyntaxKind.ThisKeyword ? methodOfThisClass(node, node.name.text) : undefined;
}

export function functionNamed(name: TS.Identifier, context: AnalysisContext): TS.FunctionLikeDeclaration | undefined {
  const { checker } = context;
  if (checker) {
    const symbol = checker.getSymbolAtLocation(name);
    return symbol && functionOfSymbol(symbol, checker);
  }
  const declaration = declarationOf(name, context);
  if (declaration && ts.isFunctionDeclaration(declaration)) return declaration.body ? declaration : undefined;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  return functionValue(declaration.initializer);
}

function functionOfSymbol(symbol: TS.Symbol, checker: TS.TypeChecker): TS.FunctionLikeDeclaration | undefined {
  const resolved = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  for (const declaration of resolved.declarations ?? []) {
    if (declaration.getSourceFile().isDeclarationFile) continue;
    if ((ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) && declaration.body) return declaration;
    if ((ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration)) && declaration.initializer) {
      const fn = functionValue(declaration.initializer);
      if (fn) return fn;
    }
  }
  return undefined;
}

function functionValue(initializer: TS.Expression): TS.FunctionLikeDeclaration | undefined {
  const node = unwrapExpression(initializer);
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node) ? node : undefined;
}

function methodOfThisClass(call: TS.Node, name: string): TS.FunctionLikeDeclaration | undefined {
  let owner: TS.Node | undefined = call.parent;
  while (owner && !ts.isClassLike(owner)) owner = owner.parent;
  for (const member of owner?.members ?? []) {
    if (!member.name || !ts.isIdentifier(member.name) || member.name.text !== name) continue;
    if (ts.isMethodDeclaration(member) && member.body) return member;
    if (ts.isPropertyDeclaration(member) && member.initializer) return functionValue(member.initializer);
  }
  return undefined;
}
