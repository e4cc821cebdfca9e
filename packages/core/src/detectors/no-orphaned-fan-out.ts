import type { Detector } from '../types.js';

// Placeholder until this rule's engineer lands it; reports nothing.
export const noOrphanedFanOut: Detector = {
  rule: 'no-orphaned-fan-out',
  kinds: [],
  defaultOptions: {},
  check: () => [],
};
