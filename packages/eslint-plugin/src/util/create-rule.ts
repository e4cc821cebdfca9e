import { ESLintUtils } from '@typescript-eslint/utils';

export interface TaskscopeRuleDocs {
  description: string;
  /** The lightest preset that enables the rule. */
  recommended: 'recommended' | 'strict';
  /** Uses type information when it exists; every rule also runs without it. */
  requiresTypeChecking: boolean;
}

export const createRule = ESLintUtils.RuleCreator<TaskscopeRuleDocs>(
  (name) => `https://github.com/taskscope/taskscope/blob/main/packages/eslint-plugin/docs/rules/${name}.md`,
);
