// What a class field holds, as far as its file shows: the values its class
// gives it, and the places that read it. The "can this reject?" analysis asks
// it of `this.ready.then(…)`: a promise read from a field is known when every
// value the class stores there is. Writes from outside the file (a subclass
// elsewhere) are not seen; a write in the file through another receiver
// (`other.ready = …`) makes the field unknown.
import type * as TS from 'typescript';

import { ts } from './compiler.js';
import { skipParentheses } from './syntax.js';

type FieldRead = TS.PropertyAccessExpression & { expression: TS.ThisExpression };

/** `this.f` or `this.#f` (in parentheses or not), read in a member of a class whose `this` it is. */
export function fieldRead(node: TS.Expression): FieldRead | undefined {
  const access = skipParentheses(node);
  if (!ts.isPropertyAccessExpression(access) || skipParentheses(access.expression).kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  return classOf(access) ? (access as FieldRead) : undefined;
}

/**
 * Every value the class gives the field `access` reads: its initializer and
 * the right side of each `this.f = …` (and `??=`, `||=`) in the class, in
 * source order. Undefined when the field is written any other way in the
 * file (by destructuring, `delete`, or through a receiver other than `this`),
 * is a constructor's parameter property, or is an accessor.
 */
export function fieldValues(access: FieldRead): TS.Expression[] | undefined {
  const owner = classOf(access)!;
  const name = access.name.text;
  // A constructor's parameter property takes whatever the caller passes; an accessor computes its value.
  if (owner.members.some((member) => isAccessorNamed(member, name) || (ts.isConstructorDeclaration(member) && member.parameters.some((p) => isParameterPropertyNamed(p, name))))) return undefined;
  const values: TS.Expression[] = [];
  let unknown = false;
  const visit = (node: TS.Node): void => {
    if (unknown) return;
    if (ts.isPropertyDeclaration(node) && node.parent === owner && node.name.getText() === name && node.initializer) values.push(node.initializer);
    if (ts.isPropertyAccessExpression(node) && node.name.text === name && isWritten(node)) {
      const assignment = node.parent;
      // A `this.f = …` in another class of the file counts too: it may be a subclass.
      if (ts.isBinaryExpression(assignment) && assignment.left === node && isAssignment(assignment.operatorToken.kind) && fieldRead(node)) values.push(assignment.right);
      else unknown = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(access.getSourceFile());
  return unknown ? undefined : values;
}

/** Every read of the field `access` reads, in its class (`access` included); assignment targets are not reads. */
export function fieldReads(access: FieldRead): TS.PropertyAccessExpression[] {
  const owner = classOf(access)!;
  const name = access.name.text;
  const reads: TS.PropertyAccessExpression[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === name && !isWritten(node) && fieldRead(node) && classOf(node) === owner) reads.push(node);
    ts.forEachChild(node, visit);
  };
  visit(owner);
  return reads;
}

/** The class whose instance `this` is at `node`: the nearest function that binds `this` is one of its members. */
function classOf(node: TS.Node): TS.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isArrowFunction(current)) continue;
    if (ts.isPropertyDeclaration(current) || ts.isClassStaticBlockDeclaration(current)) return ts.isClassLike(current.parent) ? current.parent : undefined;
    if (ts.isMethodDeclaration(current) || ts.isConstructorDeclaration(current) || ts.isGetAccessor(current) || ts.isSetAccessor(current)) {
      return ts.isClassLike(current.parent) ? current.parent : undefined;
    }
    if (ts.isFunctionLike(current) || ts.isClassLike(current) || ts.isSourceFile(current)) return undefined;
  }
  return undefined;
}

function isAccessorNamed(member: TS.ClassElement, name: string): boolean {
  return (ts.isGetAccessor(member) || ts.isSetAccessor(member)) && member.name.getText() === name;
}

function isParameterPropertyNamed(parameter: TS.ParameterDeclaration, name: string): boolean {
  return ts.isIdentifier(parameter.name) && parameter.name.text === name && (ts.getModifiers(parameter)?.length ?? 0) > 0;
}

function isAssignment(kind: TS.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsToken || kind === ts.SyntaxKind.QuestionQuestionEqualsToken || kind === ts.SyntaxKind.BarBarEqualsToken;
}

/** Whether a property access is written: an assignment's or a destructuring's target, an increment, or deleted. */
function isWritten(node: TS.PropertyAccessExpression): boolean {
  let current: TS.Node = node;
  // `[this.a] = …`, `({ x: this.a } = …)`: up through the pattern to what it is assigned from.
  while (
    ts.isParenthesizedExpression(current.parent) ||
    ts.isArrayLiteralExpression(current.parent) ||
    ts.isPropertyAssignment(current.parent) ||
    ts.isShorthandPropertyAssignment(current.parent) ||
    ts.isObjectLiteralExpression(current.parent) ||
    ts.isSpreadElement(current.parent)
  ) {
    current = current.parent;
  }
  const parent = current.parent;
  const pattern = current !== node && !ts.isParenthesizedExpression(current);
  if (ts.isBinaryExpression(parent)) {
    const kind = parent.operatorToken.kind;
    return parent.left === current && (pattern ? kind === ts.SyntaxKind.EqualsToken : kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment);
  }
  if (ts.isForOfStatement(parent) || ts.isForInStatement(parent)) return parent.initializer === current;
  if (pattern) return false;
  const increment = (operator: TS.SyntaxKind) => operator === ts.SyntaxKind.PlusPlusToken || operator === ts.SyntaxKind.MinusMinusToken;
  return ts.isDeleteExpression(parent) || ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) && increment(parent.operator));
}
