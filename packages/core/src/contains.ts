import ts from 'typescript';

/** Whether some node below `root` passes `test` (a depth-first search that stops at the first hit). */
export function containsNode(root: ts.Node, test: (node: ts.Node) => boolean): boolean {
  const visit = (node: ts.Node): boolean => test(node) || (ts.forEachChild(node, visit) ?? false);
  return ts.forEachChild(root, visit) ?? false;
}
