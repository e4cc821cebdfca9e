import { noUncheckedSettled } from '@taskscope/core';

import { type Transform, use } from './transform.js';

export const allSettled: Transform = {
  id: 'all-settled',
  description: '`Promise.allSettled` becomes taskscope `allSettled` (same result shape); a marker where nobody reads the rejections.',
  rules: ['no-unchecked-settled'],
  detectors: [use(noUncheckedSettled)],
  example: {
    before: 'await Promise.allSettled(jobs.map((job) => run(job)))',
    after: '/* taskscope-migrate: … */ await allSettled(jobs.map((job) => (signal) => run(job, signal)))',
  },
};
