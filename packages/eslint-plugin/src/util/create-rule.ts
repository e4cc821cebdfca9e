import type { Detector } from '@taskscope/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { analysisFor, type RuleAnalysis } from './analysis.js';

export interface TaskscopeRuleDocs {
  description: string;
  /** The lightest preset that enables the rule. */
  recommended: 'recommended' | 'strict';
  /** Uses type information when it exists; every rule also runs without it. */
  requiresTypeChecking: boolean;
}

export type TaskscopeRule<MessageIds extends string> = TSESLint.RuleModule<MessageIds, readonly unknown[], TaskscopeRuleDocs> & {
  name: string;
};

interface RuleDefinition<Options, MessageIds extends string> {
  /** What the rule reports: its id, messages, options schema and defaults all come from here. */
  detector: Detector<Options, MessageIds>;
  type: 'problem' | 'suggestion';
  docs: TaskscopeRuleDocs;
  /**
   * The listeners: the ESTree nodes worth handing to the detector, picked by a
   * cheap look. `check(node)` runs the detector there with the file's options.
   */
  create(context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>, check: (node: TSESTree.Node) => void, analysis: RuleAnalysis): TSESLint.RuleListener;
}

const docsUrl = (name: string) => `https://github.com/taskscope/taskscope/blob/main/packages/eslint-plugin/docs/rules/${name}.md`;

/**
 * An ESLint rule over a core detector, in typescript-eslint's shape (docs URL,
 * meta, defaultOptions), built without @typescript-eslint/utils at run time,
 * which would need `typescript` installed even for untyped linting. The
 * options merged with the detector's defaults are worked out once per distinct
 * configuration, not once per file; sharing them is safe because no rule
 * mutates its options.
 */
export function createRule<Options, MessageIds extends string>(rule: RuleDefinition<Options, MessageIds>): TaskscopeRule<MessageIds> {
  const { detector } = rule;
  const takesOptions = detector.optionsSchema !== undefined;
  const defaults = takesOptions ? [detector.defaultOptions] : [];
  // ESLint hands each file a fresh options array, so they are keyed by value.
  const merged = new Map<string, Options>();
  return {
    name: detector.rule,
    meta: {
      type: rule.type,
      docs: { ...rule.docs, url: docsUrl(detector.rule) },
      messages: detector.messages,
      // Core writes plain JSON schema; ESLint's type for it is typescript-eslint's JSONSchema4.
      schema: (takesOptions ? [detector.optionsSchema] : []) as unknown as TSESLint.RuleMetaData<MessageIds, TaskscopeRuleDocs>['schema'],
      hasSuggestions: true,
      defaultOptions: defaults,
    },
    defaultOptions: defaults,
    create(context) {
      const key = JSON.stringify(context.options);
      let options = merged.get(key);
      if (!options) merged.set(key, (options = merge(detector.defaultOptions, context.options[0]) as Options));
      const analysis = analysisFor(context);
      const checked = options;
      return rule.create(context, (node) => analysis.check(detector, node, checked), analysis);
    },
  };
}

/** `value` over `fallback`, deeply for plain objects: a given object's missing keys come from the default. */
function merge(fallback: unknown, value: unknown): unknown {
  if (value === undefined) return fallback;
  if (!isPlainObject(fallback) || !isPlainObject(value)) return value;
  const result: Record<string, unknown> = { ...fallback };
  for (const [key, item] of Object.entries(value)) result[key] = merge(fallback[key], item);
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
