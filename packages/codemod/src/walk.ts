import type { AnalysisContext, Detector, Finding } from '@taskscope/core';
import { ts } from 'ts-morph';

import { core } from './compiler.js';

/** A detector to run on a file, with its options. */
export interface DetectorRun {
  readonly detector: Detector<unknown>;
  readonly options: unknown;
}

/**
 * The per-file walk the codemod and `taskscope check` share: the dispatch
 * table (node kind → detectors) is built once; each file is then walked
 * once, every node handed to the detectors of its kind, as the ESLint rules
 * hand them theirs (create-rule.ts).
 */
export function createWalk(runs: readonly DetectorRun[]): (context: AnalysisContext) => Finding[] {
  const byKind = new Map<ts.SyntaxKind, DetectorRun[]>();
  for (const run of runs) {
    for (const kind of core.kindsOf(run.detector)) {
      let list = byKind.get(kind);
      if (!list) byKind.set(kind, (list = []));
      list.push(run);
    }
  }
  return (context) => {
    const findings: Finding[] = [];
    const visit = (node: ts.Node): void => {
      for (const { detector, options } of byKind.get(node.kind) ?? none) findings.push(...core.detect(detector, node, context, options));
      ts.forEachChild(node, visit);
    };
    visit(context.sourceFile);
    return findings;
  };
}

const none: readonly DetectorRun[] = [];
