import type { Linter } from 'eslint';

type RuleEntry = Linter.RuleEntry;

/** `recommended`: every rule but no-unbounded-fan-out, with their default options. */
export const recommendedRules: Record<string, RuleEntry> = {
  'taskscope/no-floating-promises': 'error',
  'taskscope/no-orphaned-fan-out': 'error',
  'taskscope/no-unchecked-settled': 'error',
  'taskscope/no-uncancelled-race': 'error',
  'taskscope/no-uncancelled-reader': 'error',
  'taskscope/no-async-iteration-callback': 'error',
  'taskscope/require-signal-propagation': 'error',
};

/** `strict`: all eight. */
export const strictRules: Record<string, RuleEntry> = {
  ...recommendedRules,
  'taskscope/no-unbounded-fan-out': 'error',
};
