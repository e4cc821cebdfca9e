import noAsyncIterationCallback from './no-async-iteration-callback.js';
import noFloatingPromises from './no-floating-promises.js';
import noOrphanedFanOut from './no-orphaned-fan-out.js';
import noUnboundedFanOut from './no-unbounded-fan-out.js';
import noUncancelledRace from './no-uncancelled-race.js';
import noUncancelledReader from './no-uncancelled-reader.js';
import noUncheckedSettled from './no-unchecked-settled.js';
import requireSignalPropagation from './require-signal-propagation.js';

export const rules = {
  'no-floating-promises': noFloatingPromises,
  'no-orphaned-fan-out': noOrphanedFanOut,
  'no-unchecked-settled': noUncheckedSettled,
  'no-uncancelled-race': noUncancelledRace,
  'no-uncancelled-reader': noUncancelledReader,
  'no-async-iteration-callback': noAsyncIterationCallback,
  'require-signal-propagation': requireSignalPropagation,
  'no-unbounded-fan-out': noUnboundedFanOut,
};
