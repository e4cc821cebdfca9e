// What a private class field holds, as far as its class shows: the values
// the class gives it, and the places that use it. The "can this reject?"
// analysis asks it of `this.ready.then(…)`: a promise read from a field is
// known when every value the class stores there is. Only a private field
// (`#ready`, or `private ready`) of the class whose `this` reads it, and not
// a static one: no other class and no other file can write it (TypeScript's
// `private` is taken at its word). Anything the class does that could write
// it unseen makes it unknown: a write through another receiver or by
// destructuring, `this['ready']`, handing `this` to `Object.assign`, a
// parameter property or an accessor of that name.
import type * as TS from 'typescript';

import { ts } from './compiler.js';
import { outermost, skipParentheses } from './syntax.js';

type FieldRead = TS.PropertyAccessExpression & { expression: TS.ThisExpression };

/** What the class does with one field: the values it stores, every use of the name, or unknown. */
interface FieldUse {
  values: TS.Expression[];
  /** Every `x.name` in the class, whatever `x` is, assignment targets excepted. */
  reads: TS.PropertyAccessExpression[];
}

const uses = new WeakMap<TS.ClassLikeDeclaration, Map<string, FieldUse | null>>();

/** `this.#f` or `this.f` of a private, non-static field declared by the class whose `this` it is. */
export function fieldRead(node: TS.Expression): FieldRead | undefined {
  const access = skipParentheses(node);
  if (!ts.isPropertyAccessExpression(access) || skipParentheses(access.expression).kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const owner = classOf(access);
  return owner && privateField(owner, access.name.text) ? (access as FieldRead) : undefined;
}

/** Every value the class gives the field: its initializer and each `this.f = …` (`??=`, `||=`); undefined when it may be written unseen. */
export function fieldValues(access: FieldRead): TS.Expression[] | undefined {
  return useOf(access)?.values;
}

/** Every use of the field's name in its class (`access` included), whatever the receiver; assignment targets are not uses. */
export function fieldReads(access: FieldRead): TS.PropertyAccessExpression[] | undefined {
  return useOf(access)?.reads;
}

function useOf(access: FieldRead): FieldUse | undefined {
  const owner = classOf(access)!;
  const name = access.name.text;
  let byName = uses.get(owner);
  if (!byName) uses.set(owner, (byName = new Map()));
  if (!byName.has(name)) byName.set(name, collectUse(owner, name) ?? null);
  return byName.get(name) ?? undefined;
}

function collectUse(owner: TS.ClassLikeDeclaration, name: string): FieldUse | undefined {
  const declaration = privateField(owner, name)!;
  const use: FieldUse = { values: declaration.initializer ? [declaration.initializer] : [], reads: [] };
  let unknown = owner.members.some((member) => isAccessorNamed(member, name) || (ts.isConstructorDeclaration(member) && member.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name)));
  const visit = (node: TS.Node): void => {
    if (unknown) return;
    if (ts.isPropertyAccessExpression(node) && node.name.text === name) {
      const target = outermost(node);
      const assignment = target.parent;
      if (!isWritten(target)) use.reads.push(node);
      else if (ts.isBinaryExpression(assignment) && assignment.left === target && isAssignment(assignment.operatorToken.kind) && fieldRead(node) && classOf(node) === owner) {
        use.values.push(assignment.right);
      } else unknown = true;
    }
    // `this['ready']`, `{ ready } = this`, `Object.assign(this, …)`: writes or reads the analysis would not see.
    if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && node.argumentExpression.text === name) unknown = true;
    if (ts.isBindingElement(node) && (node.propertyName ?? node.name).getText() === name) unknown = true;
    if (ts.isCallExpression(node) && node.arguments.some((a) => skipParentheses(a).kind === ts.SyntaxKind.ThisKeyword) && /^(assign|defineProperty|defineProperties)$/.test(calleeName(node))) unknown = true;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(owner, visit);
  return unknown ? undefined : use;
}

function calleeName(call: TS.CallExpression): string {
  const callee = skipParentheses(call.expression);
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
}

/** The declaration of a private, non-static field named `name` in `owner`. */
function privateField(owner: TS.ClassLikeDeclaration, name: string): TS.PropertyDeclaration | undefined {
  return owner.members.find(
    (member): member is TS.PropertyDeclaration =>
      ts.isPropertyDeclaration(member) &&
      member.name.getText() === name &&
      (ts.isPrivateIdentifier(member.name) || ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword) === true) &&
      !ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword),
  );
}

/** The class whose instance `this` is at `node`: the nearest function that binds `this` is one of its non-static members. */
function classOf(node: TS.Node): TS.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    // `this` in a decorator or a computed member name is the enclosing scope's.
    if (ts.isDecorator(current) || ts.isComputedPropertyName(current)) return undefined;
    if (ts.isArrowFunction(current)) continue;
    if (ts.isPropertyDeclaration(current) || ts.isMethodDeclaration(current) || ts.isConstructorDeclaration(current) || ts.isGetAccessor(current) || ts.isSetAccessor(current)) {
      const isStatic = ts.getModifiers(current)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) === true;
      return ts.isClassLike(current.parent) && !isStatic ? current.parent : undefined;
    }
    if (ts.isFunctionLike(current) || ts.isClassLike(current) || ts.isClassStaticBlockDeclaration(current) || ts.isSourceFile(current)) return undefined;
  }
  return undefined;
}

function isAccessorNamed(member: TS.ClassElement, name: string): boolean {
  return (ts.isGetAccessor(member) || ts.isSetAccessor(member)) && member.name.getText() === name;
}

function isAssignment(kind: TS.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsToken || kind === ts.SyntaxKind.QuestionQuestionEqualsToken || kind === ts.SyntaxKind.BarBarEqualsToken;
}

/** Whether an expression (through `as`, `!` and parentheses) is written: an assignment's or a destructuring's target, an increment, or deleted. */
function isWritten(target: TS.Expression): boolean {
  let current: TS.Node = target;
  // `[this.a] = …`, `({ x: this.a } = …)`: up through the pattern to what it is assigned from.
  while (
    ts.isParenthesizedExpression(current.parent) ||
    ts.isArrayLiteralExpression(current.parent) ||
    ts.isPropertyAssignment(current.parent) ||
    ts.isShorthandPropertyAssignment(current.parent) ||
    ts.isSpreadAssignment(current.parent) ||
    ts.isObjectLiteralExpression(current.parent) ||
    ts.isSpreadElement(current.parent)
  ) {
    current = current.parent;
  }
  const parent = current.parent;
  const pattern = current !== target && !ts.isParenthesizedExpression(current);
  if (ts.isBinaryExpression(parent)) {
    const kind = parent.operatorToken.kind;
    return parent.left === current && (pattern ? kind === ts.SyntaxKind.EqualsToken : kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment);
  }
  if (ts.isForOfStatement(parent) || ts.isForInStatement(parent)) return parent.initializer === current;
  if (pattern) return false;
  const increment = (operator: TS.SyntaxKind) => operator === ts.SyntaxKind.PlusPlusToken || operator === ts.SyntaxKind.MinusMinusToken;
  return ts.isDeleteExpression(parent) || ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) && increment(parent.operator));
}
