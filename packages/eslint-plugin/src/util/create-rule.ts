import { ESLintUtils } from '@typescript-eslint/utils';

export interface TaskscopeRuleDocs {
  description: string;
  /** The lightest preset that enables the rule. */
  recommended: 'recommended' | 'strict';
  /** Uses type information when it exists; every rule also runs without it. */
  requiresTypeChecking: boolean;
}

const withDocsUrl = ESLintUtils.RuleCreator<TaskscopeRuleDocs>(
  (name) => `https://github.com/taskscope/taskscope/blob/main/packages/eslint-plugin/docs/rules/${name}.md`,
);

/**
 * typescript-eslint's RuleCreator (docs URL, meta, defaultOptions), except that
 * the options merged with the defaults are worked out once per distinct
 * configuration instead of once per file: its `applyDefault` deep-clones the
 * defaults on every call. Sharing them is safe because no rule mutates its options.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, TaskscopeRuleDocs>>,
): ReturnType<typeof withDocsUrl<Options, MessageIds>> {
  const created = withDocsUrl(rule);
  const defaults = (rule.meta.defaultOptions ?? rule.defaultOptions ?? []) as Options;
  // ESLint hands each file a fresh options array, so they are keyed by value.
  const merged = new Map<string, Options>();
  return {
    ...created,
    create(context) {
      const key = JSON.stringify(context.options);
      let options = merged.get(key);
      if (!options) {
        options = ESLintUtils.applyDefault<Options, Options>(defaults, context.options);
        merged.set(key, options);
      }
      return rule.create(context, options);
    },
  };
}
