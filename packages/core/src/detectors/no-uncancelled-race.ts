import type { Detector } from '../types.js';

// Placeholder until this rule's engineer lands it; reports nothing.
export const noUncancelledRace: Detector = {
  rule: 'no-uncancelled-race',
  kinds: [],
  defaultOptions: {},
  check: () => [],
};
