import type { TSESLint } from '@typescript-eslint/utils';

import { recommendedRules, strictRules } from './configs.js';
import { rules } from './rules/index.js';

const plugin = {
  meta: { name: 'eslint-plugin-taskscope', version: '0.1.0' },
  rules,
  configs: {} as { recommended: TSESLint.FlatConfig.Config; strict: TSESLint.FlatConfig.Config },
};

// Flat configs refer to the plugin object itself, so they are filled in after it exists.
plugin.configs.recommended = {
  name: 'taskscope/recommended',
  plugins: { taskscope: plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: recommendedRules,
};
plugin.configs.strict = {
  name: 'taskscope/strict',
  plugins: { taskscope: plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: strictRules,
};

export default plugin;
export { rules };
