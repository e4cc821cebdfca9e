import type * as TS from 'typescript';

import { ts } from './compiler.js';

/** Names for what a rewrite declares (a task's signal, a scope), chosen so that nothing is shadowed. */

/** The name for a thunk's signal parameter: `signal`, unless the wrapped code already uses that name. */
export function signalParameterName(wrapped: readonly TS.Node[]): string {
  return freeName(['signal', 'taskSignal'], wrapped);
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
