import type * as TS from 'typescript';

import { ts } from './compiler.js';

/** Whether some node below `root` passes `test` (a depth-first search that stops at the first hit). */
export function containsNode(root: TS.Node, test: (node: TS.Node) => boolean): boolean {
  const visit = (node: TS.Node): boolean => test(node) || (ts.forEachChild(node, visit) ?? false);
  return ts.forEachChild(root, visit) ?? false;
}

/**
 * `containsNode` for a `test` that passes only on nodes whose text spells `word`
 * (an identifier, a keyword): subtrees that can't spell it are skipped unvisited.
 */
export function containsNodeSpelling(
  root: TS.Node,
  word: string,
  sourceFile: TS.SourceFile,
  test: (node: TS.Node) => boolean,
): boolean {
  const maySpell = spelling(sourceFile, word);
  const visit = (node: TS.Node): boolean => maySpell(node) && (test(node) || (ts.forEachChild(node, visit) ?? false));
  return ts.forEachChild(root, visit) ?? false;
}

/**
 * A test of whether the text of a node may spell `word`. False rules out,
 * without a walk, every identifier or keyword below the node named `word`: the
 * file's text is searched once per word, and each test is a binary search.
 */
export function spelling(sourceFile: TS.SourceFile, word: string): (node: TS.Node) => boolean {
  const positions = occurrences(sourceFile, word);
  return (node) => {
    let low = 0;
    let high = positions.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (positions[middle]! < node.pos) low = middle + 1;
      else high = middle;
    }
    return low < positions.length && positions[low]! < node.end;
  };
}

const occurrencesByFile = new WeakMap<TS.SourceFile, Map<string, readonly number[]>>();

/**
 * Where the file's text may spell `word`, in order: where `word` starts, and
 * where a Unicode escape starts (`\u0073ignal` spells `signal`).
 */
function occurrences(sourceFile: TS.SourceFile, word: string): readonly number[] {
  let byWord = occurrencesByFile.get(sourceFile);
  if (!byWord) {
    byWord = new Map();
    occurrencesByFile.set(sourceFile, byWord);
  }
  let positions = byWord.get(word);
  if (!positions) {
    positions = [...indexesOf(sourceFile.text, word), ...indexesOf(sourceFile.text, '\\u')].sort((a, b) => a - b);
    byWord.set(word, positions);
  }
  return positions;
}

function indexesOf(text: string, word: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) found.push(at);
  return found;
}
