import type { Detector } from '@taskscope/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { analysisFor } from './analysis.js';

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
}

/**
 * The ESTree node types whose TypeScript node is of each kind a detector
 * inspects. A rule hands the detector every one of them, as the codemod's
 * walk and `taskscope check` do, so all three find the same: which nodes are
 * worth a look is the detector's own syntactic test, not the adapter's.
 */
const esTreeTypes: Readonly<Record<string, readonly string[]>> = {
  // `import(…)` is a call to TypeScript.
  CallExpression: ['CallExpression', 'ImportExpression'],
  ExpressionStatement: ['ExpressionStatement'],
  VariableDeclaration: ['VariableDeclarator'],
  ArrowFunction: ['ArrowFunctionExpression'],
};

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
  const listened = detector.kinds.flatMap((kind) => {
    const types = esTreeTypes[kind];
    if (!types) throw new Error(`${detector.rule}: no ESTree node type is known for the SyntaxKind ${kind}`);
    return types;
  });
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
      const options = merged.get(key) ?? (merge(detector.defaultOptions, context.options[0]) as Options);
      merged.set(key, options);
      const analysis = analysisFor(context);
      const check = (node: TSESTree.Node) => analysis.check(detector, node, options);
      return Object.fromEntries(listened.map((type) => [type, check]));
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
