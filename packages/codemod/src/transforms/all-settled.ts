import { noUncheckedSettled } from '@taskscope/core';

import { type Transform, use } from './transform.js';

export const allSettled: Transform = {
  id: 'all-settled',
  description:
    '`Promise.allSettled` whose tasks take a signal becomes taskscope `allSettled` (same result shape); a marker where nobody reads the rejections.',
  rules: ['no-unchecked-settled'],
  // A named callback's task (`(item, signal) => load(item)`) gets its signal from the signal transform, in the next round.
  reanalyseFor: ['signal'],
  // Checked calls too: the same result shape, and their tasks can now be cancelled.
  detectors: [use(noUncheckedSettled, (defaults) => ({ ...defaults, rewriteChecked: true }))],
  example: {
    before: 'await Promise.allSettled(jobs.map((job) => run(job)))',
    after: '/* taskscope-migrate: … */ await allSettled(jobs.map((job) => (signal: AbortSignal) => run(job, signal)))',
  },
};
