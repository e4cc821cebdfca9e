import type { Linter } from 'eslint';

type RuleEntry = Linter.RuleEntry;

/** `recommended`: rules 1–6 with their default options. */
export const recommendedRules: Record<string, RuleEntry> = {
  'taskscope/no-floating-promises': 'error',
  'taskscope/no-orphaned-fan-out': 'error',
  'taskscope/no-unchecked-settled': 'error',
  'taskscope/no-uncancelled-race': 'error',
  'taskscope/no-async-iteration-callback': 'error',
  'taskscope/require-signal-propagation': 'error',
};

/** `strict`: all seven. */
export const strictRules: Record<string, RuleEntry> = {
  ...recommendedRules,
  'taskscope/no-unbounded-fan-out': 'error',
};
