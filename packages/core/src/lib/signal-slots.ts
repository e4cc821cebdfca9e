import type * as TS from 'typescript';

import { ts } from './compiler.js';
import { indentAt } from './layout.js';
import { RUNTIME_API, taskscopeCallee } from './runtime-api.js';
import { calleeName, skipParentheses } from './syntax.js';
import { unionMembers } from './type-members.js';
import type { AnalysisContext, TextEdit } from './types.js';

/**
 * How a call can take an AbortSignal: as a positional parameter typed
 * AbortSignal, or as the `signal` property of an options object (RequestInit
 * for `fetch`). With a checker, `type` is what the passed signal must be
 * assignable to (the parameter's or the `signal` property's type).
 *
 * Owned by require-signal-propagation; no-orphaned-fan-out uses it to thread
 * a task's signal into the calls it wraps.
 */
export type SignalSlot =
  | { kind: 'parameter'; index: number; type?: TS.Type }
  | { kind: 'options'; index: number; type?: TS.Type };

/**
 * Where `call` takes an AbortSignal, or undefined when it takes none or the
 * position can't be known (a spread argument before it).
 *
 * Typed: the resolved signature's first parameter typed AbortSignal, or whose
 * type has a writable `signal` property typed AbortSignal (an options bag, and
 * the argument given there, if any, is an object); untyped parameters of .js
 * functions are read the syntactic way below. An overload that takes the
 * signal after the given arguments counts too.
 *
 * Syntactic fallback (also used when the callee's signature is unknown):
 * taskscope's own calls (by the file's imports), `fetch(…)`, an LLM SDK's
 * request (`….completions.create(body)`, see `isSdkRequest`), and calls by name to functions declared in the same file with a
 * parameter named `signal` or annotated `AbortSignal` (positional) or one that
 * destructures `{ signal }` (options). A name bound to two functions in the
 * file is ignored, and shadowing is not tracked.
 */
export function signalSlot(call: TS.CallExpression, context: AnalysisContext): SignalSlot | undefined {
  const { checker } = context;
  const typed = checker ? typedSlot(call, checker) : undefined;
  const slot = typed === undefined ? (runtimeSlot(call, context.sourceFile) ?? syntacticSlot(call, context.sourceFile)) : (typed ?? undefined);
  if (!slot) return undefined;
  const spreadBefore = call.arguments.slice(0, slot.index + 1).some(ts.isSpreadElement);
  return spreadBefore ? undefined : slot;
}

/**
 * Whether `call` already passes something through `slot`. An argument that is
 * `undefined`, `null` or `void 0` passes nothing. For an options object: a
 * literal with a `signal` member; a literal spreading, or any other expression
 * that is, something whose type has a required `signal` property (without a
 * checker: anything, which may carry one).
 */
export function passesSignal(call: TS.CallExpression, slot: SignalSlot, context: AnalysisContext): boolean {
  const argument = call.arguments[slot.index];
  if (!argument || isNothing(argument)) return false;
  if (slot.kind === 'parameter') return true;
  const { checker } = context;
  const options = skipParentheses(argument);
  if (ts.isObjectLiteralExpression(options)) {
    if (hasSignalMember(options)) return true;
    return options.properties.some((member) => ts.isSpreadAssignment(member) && (!checker || hasRequiredSignal(member.expression, checker)));
  }
  return !checker || hasRequiredSignal(options, checker);
}

// `init: RequestInit` may or may not carry one; `{ signal: AbortSignal }` always does.
function hasRequiredSignal(expression: TS.Expression, checker: TS.TypeChecker): boolean {
  const signal = checker.getTypeAtLocation(expression).getNonNullableType().getProperty('signal');
  return signal !== undefined && (signal.flags & ts.SymbolFlags.Optional) === 0;
}

/**
 * The edit that passes `signal` (an expression's text) to `call` through
 * `slot`, or undefined when the call visibly passes one already (any argument
 * in a positional slot, a `signal` member in an options literal).
 *
 * - positional: the argument at the slot's index; skipped optional arguments
 *   become `undefined`, and an `undefined`/`null` argument there is replaced;
 * - options: `signal` (shorthand when the text is `signal`) added to an object
 *   literal, `{ signal }` as a new argument, or `{ ...opts, signal }` around
 *   another expression. Note that the spread form overrides a signal `opts`
 *   may carry at run time; callers that care check `passesSignal` first.
 *
 * Appended arguments and properties follow the list's layout: on their own
 * line (with the last element's indentation) in a multi-line list, after a
 * trailing comma when there is one.
 */
export function passSignalEdit(
  call: TS.CallExpression,
  slot: SignalSlot,
  signal: string,
  sourceFile: TS.SourceFile,
): TextEdit | undefined {
  const property = signal === 'signal' ? 'signal' : `signal: ${signal}`;
  const value = slot.kind === 'parameter' ? signal : `{ ${property} }`;
  const argument = call.arguments[slot.index];
  if (!argument) {
    const missing = slot.index - call.arguments.length;
    return appendEdit(call.arguments, call, [...Array<string>(missing).fill('undefined'), value].join(', '), sourceFile);
  }
  if (isNothing(argument)) return replace(argument, value, sourceFile);
  if (slot.kind === 'parameter') return undefined;

  const options = skipParentheses(argument);
  if (!ts.isObjectLiteralExpression(options)) {
    const spread = isSimpleExpression(options) ? argument.getText(sourceFile) : `(${argument.getText(sourceFile)})`;
    return replace(argument, `{ ...${spread}, ${property} }`, sourceFile);
  }
  if (hasSignalMember(options)) return undefined;
  if (options.properties.length === 0) return replace(options, value, sourceFile);
  return appendEdit(options.properties, options, property, sourceFile);
}

// `undefined` → the checker could not tell (no declared signature); `null` → it takes no signal.
function typedSlot(call: TS.CallExpression, checker: TS.TypeChecker): SignalSlot | null | undefined {
  // Resolving a call checks its arguments, callback bodies included. The
  // callee's declared signatures settle most calls without that: one that
  // isn't generic where a signal could go, or overloads none of which takes one.
  const declared = checker.getTypeAtLocation(call.expression).getCallSignatures();
  if (declared.length > 0 && declared.every((signature) => signature.declaration && !hasGenericSlot(signature, checker))) {
    if (declared.length === 1) return slotOfSignature(declared[0]!, call, checker) ?? null;
    if (!declared.some((signature) => slotOfSignature(signature, call, checker))) return null;
  }
  const resolved = checker.getResolvedSignature(call);
  if (!resolved?.declaration) return undefined;
  const direct = slotOfSignature(resolved, call, checker);
  if (direct) return direct;
  // Another overload that takes the given arguments and then the signal.
  for (const signature of declared) {
    if (signature === resolved) continue;
    const slot = slotOfSignature(signature, call, checker);
    if (slot && slot.index >= call.arguments.length && acceptsArguments(signature, call, checker)) return slot;
  }
  return null;
}

// A parameter whose type comes from a type argument that could make it a
// signal slot: unconstrained, or constrained to something that is one.
function hasGenericSlot(signature: TS.Signature, checker: TS.TypeChecker): boolean {
  return signature.getParameters().some((parameter) => {
    const type = checker.getTypeOfSymbol(parameter);
    if ((type.flags & ts.TypeFlags.Instantiable) === 0) return false;
    const constraint = type.isTypeParameter() ? type.getConstraint() : checker.getBaseConstraintOfType(type);
    return !constraint || isAbortSignalType(constraint) || signalPropertyType(constraint, checker) !== undefined;
  });
}

function acceptsArguments(signature: TS.Signature, call: TS.CallExpression, checker: TS.TypeChecker): boolean {
  const parameters = signature.getParameters();
  return call.arguments.every((argument, index) => {
    const parameter = parameters[index];
    return parameter !== undefined && checker.isTypeAssignableTo(checker.getTypeAtLocation(argument), checker.getTypeOfSymbol(parameter));
  });
}

function slotOfSignature(signature: TS.Signature, call: TS.CallExpression, checker: TS.TypeChecker): SignalSlot | undefined {
  const parameters = signature.getParameters();
  for (let index = 0; index < parameters.length; index++) {
    const parameter = parameters[index]!;
    const declaration = parameter.valueDeclaration;
    if (declaration && ts.isParameter(declaration)) {
      if (declaration.dotDotDotToken) return undefined;
      // Untyped JavaScript parameters are read the syntactic way.
      if ((declaration.flags & ts.NodeFlags.JavaScriptFile) !== 0 && !declaration.type) {
        const slot = parameterSlot(declaration, index);
        if (slot) return slot;
        continue;
      }
    }
    const type = checker.getTypeOfSymbol(parameter);
    if (holdsAbortSignal(parameter, checker)) return { kind: 'parameter', index, type };
    const property = signalPropertyType(type, checker);
    if (property && argumentCanCarrySignal(call.arguments[index], checker)) return { kind: 'options', index, type: property };
  }
  return undefined;
}

/**
 * Whether a parameter or property holds an AbortSignal: its type is one, or
 * its type is unresolved (no DOM lib or @types/node in the program) and its
 * declaration is annotated `AbortSignal`.
 */
export function holdsAbortSignal(symbol: TS.Symbol, checker: TS.TypeChecker): boolean {
  const type = checker.getTypeOfSymbol(symbol);
  if (isAbortSignalType(type)) return true;
  const declaration = symbol.valueDeclaration;
  const annotation = declaration && (ts.isParameter(declaration) || ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration)) ? declaration.type : undefined;
  return isAbortSignalAnnotation(annotation) && definedMembers(type).every((part) => (part.flags & ts.TypeFlags.Any) !== 0);
}

/** True when `type`, or a member of its union, is the DOM/Node `AbortSignal`. */
export function isAbortSignalType(type: TS.Type): boolean {
  return definedMembers(type).some((part) => (part.aliasSymbol ?? part.getSymbol())?.name === 'AbortSignal');
}

/**
 * The type of a writable `signal` property typed AbortSignal on an object
 * member of `type`: an options bag. An object that exposes its own signal
 * (`Request`, a task) has it readonly.
 */
function signalPropertyType(type: TS.Type, checker: TS.TypeChecker): TS.Type | undefined {
  for (const part of definedMembers(type)) {
    if ((part.flags & ts.TypeFlags.Object) === 0 || part.getCallSignatures().length > 0) continue;
    const property = part.getProperty('signal');
    const declaration = property?.valueDeclaration;
    if (!property || (declaration && (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Readonly) !== 0)) continue;
    if (holdsAbortSignal(property, checker)) return checker.getTypeOfSymbol(property);
  }
  return undefined;
}

// `f(url, 'utf8')` for `f(url, options?: string | { signal })`: a primitive can't carry a signal.
function argumentCanCarrySignal(argument: TS.Expression | undefined, checker: TS.TypeChecker): boolean {
  // An object literal can, and asking its type would resolve the whole call around it.
  if (!argument || isNothing(argument) || ts.isObjectLiteralExpression(skipParentheses(argument))) return true;
  const type = checker.getTypeAtLocation(argument).getNonNullableType();
  return definedMembers(type).every((part) => (part.flags & (ts.TypeFlags.Object | ts.TypeFlags.NonPrimitive | ts.TypeFlags.Any)) !== 0);
}

// A taskscope call by its import, where its types are not known (the runtime may not be installed yet).
function runtimeSlot(call: TS.CallExpression, sourceFile: TS.SourceFile): SignalSlot | undefined {
  const name = taskscopeCallee(call, sourceFile);
  return name === undefined ? undefined : RUNTIME_API[name]?.signal;
}

/**
 * `client.chat.completions.create(body)`, `anthropic.messages.stream(body)`:
 * the generated LLM SDKs (OpenAI's shape, followed by Anthropic, Groq,
 * Perplexity, Together and others) take request options, `signal` included,
 * after the body. Read by shape where the client's types are not installed.
 */
const sdkResource = /^(completions|messages|responses|embeddings|generations|transcriptions|translations|speech|moderations)$/;
const sdkRequest = /^(create|stream|parse)$/;

export function isSdkRequest(call: TS.CallExpression): boolean {
  const callee = skipParentheses(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !sdkRequest.test(callee.name.text) || call.arguments.length > 2) return false;
  const resource = skipParentheses(callee.expression);
  return ts.isPropertyAccessExpression(resource) && sdkResource.test(resource.name.text);
}

function syntacticSlot(call: TS.CallExpression, sourceFile: TS.SourceFile): SignalSlot | undefined {
  if (isSdkRequest(call)) return { kind: 'options', index: 1 };
  if (!ts.isIdentifier(skipParentheses(call.expression))) return undefined;
  const name = calleeName(call)!;
  const local = localFunctions(sourceFile).get(name);
  if (local !== undefined) return local ?? undefined;
  return name === 'fetch' ? { kind: 'options', index: 1 } : undefined;
}

const localFunctionsByFile = new WeakMap<TS.SourceFile, Map<string, SignalSlot | null>>();

/** Function name → its signal slot (null: none, or the name is bound to two functions). */
function localFunctions(sourceFile: TS.SourceFile): Map<string, SignalSlot | null> {
  let found = localFunctionsByFile.get(sourceFile);
  if (found) return found;
  const slots = new Map<string, SignalSlot | null>();
  const add = (name: string, fn: TS.SignatureDeclaration): void => {
    slots.set(name, slots.has(name) ? null : (declaredSlot(fn) ?? null));
  };
  const visit = (node: TS.Node): void => {
    if (ts.isFunctionDeclaration(node) && node.name) add(node.name.text, node);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const init = skipParentheses(node.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) add(node.name.text, init);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  found = slots;
  localFunctionsByFile.set(sourceFile, found);
  return found;
}

function declaredSlot(fn: TS.SignatureDeclaration): SignalSlot | undefined {
  for (const [index, parameter] of fn.parameters.entries()) {
    if (parameter.dotDotDotToken) return undefined;
    const slot = parameterSlot(parameter, index);
    if (slot) return slot;
  }
  return undefined;
}

// A parameter named `signal` or annotated AbortSignal, or one destructuring `{ signal }`.
function parameterSlot(parameter: TS.ParameterDeclaration, index: number): SignalSlot | undefined {
  const { name, type } = parameter;
  if (ts.isIdentifier(name) && (name.text === 'signal' || isAbortSignalAnnotation(type))) return { kind: 'parameter', index };
  if (ts.isObjectBindingPattern(name) && name.elements.some((element) => bindingPropertyName(element) === 'signal')) {
    return { kind: 'options', index };
  }
  return undefined;
}

/** `AbortSignal`, `AbortSignal | undefined`, … as written. */
export function isAbortSignalAnnotation(type: TS.TypeNode | undefined): boolean {
  if (!type) return false;
  if (ts.isUnionTypeNode(type)) return type.types.some(isAbortSignalAnnotation);
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'AbortSignal';
}

/** The property a binding element reads: `{ signal }` and `{ signal: s }` → 'signal'. */
export function bindingPropertyName(element: TS.BindingElement): string | undefined {
  const property = element.propertyName ?? element.name;
  return ts.isIdentifier(property) || ts.isStringLiteral(property) ? property.text : undefined;
}

function hasSignalMember(object: TS.ObjectLiteralExpression): boolean {
  return object.properties.some((member) => {
    const name = member.name;
    return name !== undefined && (ts.isIdentifier(name) || ts.isStringLiteral(name)) && name.text === 'signal';
  });
}

function isNothing(argument: TS.Expression): boolean {
  const node = skipParentheses(argument);
  return (
    (ts.isIdentifier(node) && node.text === 'undefined') ||
    node.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isVoidExpression(node) && ts.isNumericLiteral(node.expression))
  );
}

// Expressions that read well after `...` without parentheses.
function isSimpleExpression(node: TS.Expression): boolean {
  return (
    ts.isIdentifier(node) ||
    ts.isPropertyAccessExpression(node) ||
    ts.isElementAccessExpression(node) ||
    ts.isCallExpression(node) ||
    node.kind === ts.SyntaxKind.ThisKeyword
  );
}

/** The union's members other than `undefined`, `null` and `void`: what a value of the type can be when it is there. */
function definedMembers(type: TS.Type): readonly TS.Type[] {
  return unionMembers(type).filter(
    (part) => (part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)) === 0,
  );
}

function replace(node: TS.Node, text: string, sourceFile: TS.SourceFile): TextEdit {
  return { start: node.getStart(sourceFile), end: node.end, text };
}

/**
 * Appends `text` to an argument or property list. `owner` is the call or
 * object literal: an element on a later line than the owner's start means the
 * list is laid out one per line.
 */
function appendEdit(list: TS.NodeArray<TS.Node>, owner: TS.Node, text: string, sourceFile: TS.SourceFile): TextEdit {
  const last = list[list.length - 1];
  if (!last) return { start: list.pos, end: list.pos, text };
  const lastStart = last.getStart(sourceFile);
  const multiline = lineOf(sourceFile, lastStart) !== lineOf(sourceFile, listOpening(owner, sourceFile));
  const separator = multiline ? `\n${indentAt(sourceFile.text, lastStart)}` : ' ';
  // A NodeArray with a trailing comma ends after it.
  const end = list.hasTrailingComma ? list.end : last.end;
  // On its own line, the new element goes below the last one's trailing comment, which stays with it.
  const comments = multiline ? (ts.getTrailingCommentRanges(sourceFile.text, end) ?? []) : [];
  const after = comments.length > 0 ? comments[comments.length - 1]!.end : end;
  const kept = sourceFile.text.slice(end, after);
  if (list.hasTrailingComma) return { start: end, end: after, text: `${kept}${separator}${text},` };
  return { start: end, end: after, text: `,${kept}${separator}${text}` };
}

// The `(` of a call's arguments or the `{` of an object literal.
function listOpening(owner: TS.Node, sourceFile: TS.SourceFile): number {
  if (ts.isCallExpression(owner)) return owner.arguments.pos - 1;
  return owner.getStart(sourceFile);
}

function lineOf(sourceFile: TS.SourceFile, position: number): number {
  return sourceFile.getLineAndCharacterOfPosition(position).line;
}
