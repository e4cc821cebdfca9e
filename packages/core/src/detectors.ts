import { noAsyncIterationCallback } from './rules/no-async-iteration-callback/detector.js';
import { noFloatingPromises } from './rules/no-floating-promises/detector.js';
import { noOrphanedFanOut } from './rules/no-orphaned-fan-out/detector.js';
import { noUnboundedFanOut } from './rules/no-unbounded-fan-out/detector.js';
import { noUncancelledRace } from './rules/no-uncancelled-race/detector.js';
import { noUncancelledReader } from './rules/no-uncancelled-reader/detector.js';
import { noUncheckedSettled } from './rules/no-unchecked-settled/detector.js';
import { requireSignalPropagation } from './rules/require-signal-propagation/detector.js';

/** Every rule's detector, in the order the presets and reports list the rules. */
export const allDetectors = [
  noFloatingPromises,
  noOrphanedFanOut,
  noUncheckedSettled,
  noUncancelledRace,
  noUncancelledReader,
  noAsyncIterationCallback,
  requireSignalPropagation,
  noUnboundedFanOut,
] as const;
