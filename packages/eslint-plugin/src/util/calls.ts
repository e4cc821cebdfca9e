import type { TSESTree } from '@typescript-eslint/utils';

// Rules listen on plain node types and pre-check in JS: ESLint tests an attribute
// selector (`CallExpression[callee.property.name="race"]`) with esquery on every
// node of that type, which costs more than these checks.

/**
 * The property a member callee names, as the selectors `[callee.property.name]`
 * and `[callee.property.value]` read it: `a.race()`, `a['race']()` → 'race'.
 * The detector then checks the exact shape.
 */
export function calleePropertyName(call: TSESTree.CallExpression): string | undefined {
  const { callee } = call;
  if (callee.type !== 'MemberExpression') return undefined;
  const { property } = callee;
  if (property.type === 'Literal') return typeof property.value === 'string' ? property.value : undefined;
  return property.type === 'Identifier' || property.type === 'PrivateIdentifier' ? property.name : undefined;
}

/** Whether `node` is inside a function: what the selector `:function <node>` requires. */
export function isInsideFunction(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (
      current.type === 'FunctionDeclaration' ||
      current.type === 'FunctionExpression' ||
      current.type === 'ArrowFunctionExpression'
    ) {
      return true;
    }
  }
  return false;
}
