import type * as TS from 'typescript';

import { type Compiler, withCompiler } from './lib/compiler.js';
import { detect, reportedSpan } from './lib/detect.js';
import { planEdits } from './lib/edits.js';
import { parseSourceFile, rangeIndex, scriptKindOf } from './lib/locate.js';
import { isIgnored, reviewMarkerEdit } from './lib/review.js';
import type { Detector } from './lib/types.js';

/**
 * Core bound to one TypeScript compiler: the adapters' only way in. The ESLint
 * plugin makes one for the compiler that built typescript-eslint's nodes, the
 * codemod one for ts-morph's. Every method runs with that compiler as `ts`.
 */
export interface Engine {
  readonly ts: Compiler;
  /** The SyntaxKind numbers, in this compiler, of the kinds a detector inspects. */
  kindsOf(detector: Pick<Detector, 'kinds'>): readonly TS.SyntaxKind[];
  detect: typeof detect;
  reportedSpan: typeof reportedSpan;
  planEdits: typeof planEdits;
  parseSourceFile: typeof parseSourceFile;
  rangeIndex: typeof rangeIndex;
  scriptKindOf: typeof scriptKindOf;
  isIgnored: typeof isIgnored;
  reviewMarkerEdit: typeof reviewMarkerEdit;
}

const engines = new WeakMap<Compiler, Engine>();

/** The engine for `compiler` (one per compiler, made on first use). */
export function engineFor(compiler: Compiler): Engine {
  let engine = engines.get(compiler);
  if (engine) return engine;
  const bound =
    <Args extends unknown[], Result>(fn: (...args: Args) => Result) =>
    (...args: Args): Result =>
      withCompiler(compiler, () => fn(...args));
  const kinds = new WeakMap<Pick<Detector, 'kinds'>, readonly TS.SyntaxKind[]>();
  engine = {
    ts: compiler,
    kindsOf(detector) {
      let numbers = kinds.get(detector);
      if (!numbers) kinds.set(detector, (numbers = detector.kinds.map((name) => compiler.SyntaxKind[name])));
      return numbers;
    },
    detect: bound(detect) as typeof detect,
    reportedSpan: bound(reportedSpan),
    planEdits: bound(planEdits),
    parseSourceFile: bound(parseSourceFile),
    rangeIndex: bound(rangeIndex),
    scriptKindOf: bound(scriptKindOf),
    isIgnored: bound(isIgnored),
    reviewMarkerEdit: bound(reviewMarkerEdit),
  };
  engines.set(compiler, engine);
  return engine;
}
