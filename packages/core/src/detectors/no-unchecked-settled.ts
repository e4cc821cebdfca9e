import type { Detector } from '../types.js';

// Placeholder until this rule's engineer lands it; reports nothing.
export const noUncheckedSettled: Detector = {
  rule: 'no-unchecked-settled',
  kinds: [],
  defaultOptions: {},
  check: () => [],
};
