import type { Detector } from '../types.js';

// Placeholder until this rule's engineer lands it; reports nothing.
export const requireSignalPropagation: Detector = {
  rule: 'require-signal-propagation',
  kinds: [],
  defaultOptions: {},
  check: () => [],
};
