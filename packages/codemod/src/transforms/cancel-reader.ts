import { noUncancelledReader } from '@taskscope/core';

import { type Transform, use } from './transform.js';

export const cancelReader: Transform = {
  id: 'cancel-reader',
  description: 'Cancels the stream reader an async generator yields from when the consumer stops early.',
  rules: ['no-uncancelled-reader'],
  detectors: [use(noUncancelledReader)],
  example: {
    before: 'try { for (;;) yield await reader.read(); } finally { reader.releaseLock(); }',
    after: 'try { for (;;) yield await reader.read(); } finally { await reader.cancel().catch(() => undefined); reader.releaseLock(); }',
  },
};
