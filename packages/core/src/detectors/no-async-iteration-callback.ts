import type { Detector } from '../types.js';

// Placeholder until this rule's engineer lands it; reports nothing.
export const noAsyncIterationCallback: Detector = {
  rule: 'no-async-iteration-callback',
  kinds: [],
  defaultOptions: {},
  check: () => [],
};
