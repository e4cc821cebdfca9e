import { noUncancelledRace } from '@taskscope/core';

import { type Transform, use } from './transform.js';

export const race: Transform = {
  id: 'race',
  description: 'A hand-made timeout race whose work takes a signal becomes `withTimeout`, keeping its error; a race whose racers all take one becomes `race`, which cancels the losers.',
  rules: ['no-uncancelled-race'],
  // A named callback's task (`(item, signal) => load(item)`) gets its signal from the signal transform, in the next round.
  reanalyseFor: ['signal'],
  detectors: [use(noUncancelledRace)],
  example: {
    before: 'await Promise.race([work(), new Promise((_, reject) => setTimeout(() => reject(err), 5000))])',
    after: 'await withTimeout(5000, (signal) => work(signal)).catch((error) => { throw error instanceof TimeoutError ? err : error; })',
  },
};
