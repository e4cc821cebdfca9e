import type * as TS from 'typescript';

import { ts } from './compiler.js';

/** Names for what a rewrite declares (a task's signal, a scope), chosen so that nothing is shadowed. */

/**
 * The name for a thunk's signal parameter: `signal`, unless the wrapped code
 * uses that name or it is declared around the code (an outer `signal` the
 * task's body may still mean), then `taskSignal`.
 */
export function signalParameterName(wrapped: readonly TS.Node[]): string {
  const first = wrapped[0];
  return freeName(['signal', 'taskSignal'], wrapped, { reserved: first ? [...namesInScopeAt(first)] : [] });
}

/**
 * The first candidate that no identifier in `nodes` spells and that is not
 * `reserved`, else the last one numbered (`<last>2`, `<last>3`, … from
 * `firstNumber`).
 */
export function freeName(
  candidates: readonly string[],
  nodes: readonly TS.Node[],
  { reserved = [], firstNumber = 2 }: { reserved?: readonly string[]; firstNumber?: number } = {},
): string {
  const used = (name: string) => reserved.includes(name) || nodes.some((node) => identifiersIn(node).has(name));
  const free = candidates.find((name) => !used(name));
  if (free !== undefined) return free;
  const base = candidates[candidates.length - 1] ?? 'name';
  for (let n = firstNumber; ; n++) if (!used(`${base}${n}`)) return `${base}${n}`;
}

// Every finding in a function asks for names in it: its identifiers are collected once.
const identifiersByNode = new WeakMap<TS.Node, ReadonlySet<string>>();

/** The names every identifier in `root` (itself included) spells. */
function identifiersIn(root: TS.Node): ReadonlySet<string> {
  let found = identifiersByNode.get(root);
  if (found) return found;
  const names = new Set<string>();
  const visit = (node: TS.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(root);
  found = names;
  identifiersByNode.set(root, found);
  return found;
}

const namesByFunction = new WeakMap<TS.Node, ReadonlySet<string>>();

/** Names a function binds itself: parameters and top-level declarations of its body. */
export function declaredNames(fn: TS.SignatureDeclaration): ReadonlySet<string> {
  let names = namesByFunction.get(fn);
  if (names) return names;
  const found = new Set<string>();
  for (const parameter of fn.parameters) addBinding(parameter.name, found);
  const body = (fn as TS.FunctionLikeDeclaration).body;
  if (body && ts.isBlock(body)) addStatementNames(body.statements, found);
  names = found;
  namesByFunction.set(fn, names);
  return names;
}

const namesInScopeByNode = new WeakMap<TS.Node, ReadonlySet<string>>();

/** Names bound by the functions, blocks, loops and catch clauses around `node`, the file's included. */
function namesInScopeAt(node: TS.Node): ReadonlySet<string> {
  const cached = namesInScopeByNode.get(node);
  if (cached) return cached;
  const names = new Set<string>();
  for (let at = node.parent; at; at = at.parent) {
    if (ts.isFunctionLike(at)) for (const name of declaredNames(at)) names.add(name);
    // A function's body is read with the function (declaredNames).
    else if ((ts.isBlock(at) && !ts.isFunctionLike(at.parent)) || ts.isSourceFile(at) || ts.isCaseClause(at) || ts.isDefaultClause(at)) addStatementNames(at.statements, names);
    else if (ts.isCatchClause(at) && at.variableDeclaration) addBinding(at.variableDeclaration.name, names);
    else if ((ts.isForStatement(at) || ts.isForOfStatement(at) || ts.isForInStatement(at)) && at.initializer && ts.isVariableDeclarationList(at.initializer)) {
      for (const declaration of at.initializer.declarations) addBinding(declaration.name, names);
    }
  }
  namesInScopeByNode.set(node, names);
  return names;
}

function addStatementNames(statements: readonly TS.Statement[], names: Set<string>): void {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) addBinding(d.name, names);
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
      names.add(statement.name.text);
    } else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const { name, namedBindings } = statement.importClause;
      if (name) names.add(name.text);
      if (namedBindings && ts.isNamespaceImport(namedBindings)) names.add(namedBindings.name.text);
      else if (namedBindings) for (const element of namedBindings.elements) names.add(element.name.text);
    }
  }
}

function addBinding(name: TS.BindingName, names: Set<string>): void {
  if (ts.isIdentifier(name)) names.add(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name, names);
}
