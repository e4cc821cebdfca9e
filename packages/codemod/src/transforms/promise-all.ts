import { noOrphanedFanOut, noUnboundedFanOut } from '@taskscope/core';

import { type Transform, use } from './transform.js';

export const promiseAll: Transform = {
  id: 'promise-all',
  description: '`Promise.all` / `Promise.any` over work that takes a signal becomes taskscope `all` / `any` / `map`, so a failure cancels the siblings.',
  // no-unbounded-fan-out is strict-only and not listed: where it has no rewrite
  // (a taskscope call), the site is left alone rather than marked.
  rules: ['no-orphaned-fan-out'],
  // A named callback's task (`(item, signal) => load(item)`) gets its signal from the signal transform, in the next round.
  reanalyseFor: ['signal'],
  detectors: [
    // It runs only when the user picked a limit (`--concurrency N`), which its
    // rewrite writes (a fan-out that doesn't orphan its tasks: an allSettled).
    use(noUnboundedFanOut, (defaults, { concurrency }) =>
      concurrency === undefined ? undefined : { ...defaults, defaultConcurrency: concurrency },
    ),
    // A fan-out over a collection of open size becomes a bounded `map`: `--concurrency N`, or the rule's default.
    use(noOrphanedFanOut, (defaults, { concurrency }) => (concurrency === undefined ? defaults : { ...defaults, defaultConcurrency: concurrency })),
  ],
  example: {
    before: 'await Promise.all([summarize(doc), translate(doc)])',
    after: 'await all([(signal) => summarize(doc, signal), (signal) => translate(doc, signal)])',
  },
};
