import type { RuleId } from '@taskscope/core';
import type { ESLint, Linter, Rule } from 'eslint';

import { recommendedRules, strictRules } from './configs.js';
import { rules } from './rules/index.js';

/** The rule ids, a contract: configs, docs and users name them (core's list, the one the detectors use). */
export type TaskscopeRuleName = RuleId;

/** The plugin as ESLint's own types see it: using it needs no typescript-eslint types. */
export interface TaskscopePlugin extends ESLint.Plugin {
  meta: { name: string; version: string };
  rules: Record<TaskscopeRuleName, Rule.RuleModule>;
  configs: { recommended: Linter.Config; strict: Linter.Config };
}

const plugin: TaskscopePlugin = {
  meta: { name: 'eslint-plugin-taskscope', version: '0.1.0' },
  rules: rules as unknown as TaskscopePlugin['rules'],
  configs: {} as TaskscopePlugin['configs'],
};

// Flat configs refer to the plugin object itself, so they are filled in after it exists.
plugin.configs.recommended = { name: 'taskscope/recommended', plugins: { taskscope: plugin }, rules: recommendedRules };
plugin.configs.strict = { name: 'taskscope/strict', plugins: { taskscope: plugin }, rules: strictRules };

export default plugin;
