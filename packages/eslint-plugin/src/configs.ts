import type { Linter } from 'eslint';

type RuleEntry = Linter.RuleEntry;

/**
 * `recommended`: the rules whose findings judges reading code nobody here
 * wrote found worth a change, with their default options. Not
 * no-unbounded-fan-out, nor no-unchecked-settled (right once in 20 findings
 * held out: an unread `allSettled` is most often a best-effort wait).
 */
export const recommendedRules: Record<string, RuleEntry> = {
  'taskscope/no-floating-promises': 'error',
  'taskscope/no-orphaned-fan-out': 'error',
  'taskscope/no-uncancelled-race': 'error',
  'taskscope/no-uncancelled-reader': 'error',
  'taskscope/no-async-iteration-callback': 'error',
  'taskscope/require-signal-propagation': 'error',
};

/** `strict`: all eight. */
export const strictRules: Record<string, RuleEntry> = {
  ...recommendedRules,
  'taskscope/no-unchecked-settled': 'error',
  'taskscope/no-unbounded-fan-out': 'error',
};
