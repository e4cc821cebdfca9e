import type { Detector } from '../types.js';

// Placeholder until this rule's engineer lands it; reports nothing.
export const noFloatingPromises: Detector = {
  rule: 'no-floating-promises',
  kinds: [],
  defaultOptions: {},
  check: () => [],
};
