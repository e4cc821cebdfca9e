import type { Detector, RuleId, TransformId } from '@taskscope/core';

/** What the user chose on the command line that changes what the detectors propose. */
export interface MigrationSettings {
  /** `--concurrency N`: the limit written into `map(…)` rewrites; also turns on no-unbounded-fan-out. */
  concurrency?: number;
}

/** A detector a transform runs, with the options the codemod gives it (undefined: don't run it). */
export interface DetectorUse {
  readonly detector: Detector<unknown>;
  options(settings: MigrationSettings): unknown;
}

/**
 * One transform of `taskscope-migrate`. It is thin on purpose: the detectors
 * find the sites and build the edits (a fix whose `transform` is this id);
 * a transform only says which detectors to run for it.
 */
export interface Transform {
  readonly id: TransformId;
  readonly description: string;
  /** The lint rules whose findings this transform resolves. */
  readonly rules: readonly RuleId[];
  readonly detectors: readonly DetectorUse[];
  /**
   * Transforms that can find new sites in this one's output, so a file it
   * rewrote is analysed again when one of them is selected (floating: calls
   * in the new scope now have its signal to pass).
   */
  readonly reanalyseFor?: readonly TransformId[];
  /** A one-line before/after pair for the README's table (a test keeps them in sync). */
  readonly example: { readonly before: string; readonly after: string };
}

/** A detector run with its default options; `options` may adjust them or return undefined to skip it. */
export function use<Options>(
  detector: Detector<Options>,
  options: (defaults: Options, settings: MigrationSettings) => Options | undefined = (defaults) => defaults,
): DetectorUse {
  return {
    detector: detector as Detector<unknown>,
    options: (settings) => options(detector.defaultOptions, settings),
  };
}
