import type { TSESLint } from '@typescript-eslint/utils';

export interface TaskscopeRuleDocs {
  description: string;
  /** The lightest preset that enables the rule. */
  recommended: 'recommended' | 'strict';
  /** Uses type information when it exists; every rule also runs without it. */
  requiresTypeChecking: boolean;
}

export type TaskscopeRule<Options extends readonly unknown[], MessageIds extends string> = TSESLint.RuleModule<
  MessageIds,
  Options,
  TaskscopeRuleDocs
> & { name: string };

interface RuleDefinition<Options extends readonly unknown[], MessageIds extends string> {
  name: string;
  meta: Omit<TSESLint.RuleMetaData<MessageIds, TaskscopeRuleDocs, Options>, 'docs'> & { docs: TaskscopeRuleDocs };
  defaultOptions: Options;
  create(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, options: Options): TSESLint.RuleListener;
}

const docsUrl = (name: string) => `https://github.com/taskscope/taskscope/blob/main/packages/eslint-plugin/docs/rules/${name}.md`;

/**
 * A rule in typescript-eslint's shape (docs URL, meta, defaultOptions), built
 * without @typescript-eslint/utils at run time, which would need `typescript`
 * installed even for untyped linting. The options merged with the defaults are
 * worked out once per distinct configuration, not once per file; sharing them
 * is safe because no rule mutates its options.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: RuleDefinition<Options, MessageIds>,
): TaskscopeRule<Options, MessageIds> {
  // ESLint hands each file a fresh options array, so they are keyed by value.
  const merged = new Map<string, Options>();
  return {
    name: rule.name,
    meta: { ...rule.meta, docs: { ...rule.meta.docs, url: docsUrl(rule.name) } },
    defaultOptions: rule.defaultOptions,
    create(context) {
      const key = JSON.stringify(context.options);
      let options = merged.get(key);
      if (!options) merged.set(key, (options = withDefaults(rule.defaultOptions, context.options)));
      return rule.create(context, options);
    },
  };
}

/** Each option given, with a given object's missing keys taken from the default (deeply). */
function withDefaults<Options extends readonly unknown[]>(defaults: Options, given: readonly unknown[]): Options {
  return defaults.map((fallback, index) => merge(fallback, given[index])) as unknown as Options;
}

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
