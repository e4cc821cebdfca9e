import type { Detector } from '../types.js';

// Placeholder until this rule's engineer lands it; reports nothing.
export const noUnboundedFanOut: Detector = {
  rule: 'no-unbounded-fan-out',
  kinds: [],
  defaultOptions: {},
  check: () => [],
};
