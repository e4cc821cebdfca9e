import type * as TS from 'typescript';

/** The rule ids of eslint-plugin-taskscope. A contract: configs, docs and users name them. */
export type RuleId =
  | 'no-floating-promises'
  | 'no-orphaned-fan-out'
  | 'no-unchecked-settled'
  | 'no-uncancelled-race'
  | 'no-async-iteration-callback'
  | 'require-signal-propagation'
  | 'no-unbounded-fan-out'
  | 'no-uncancelled-reader';

/** The transform ids of taskscope-migrate. A contract: `--transforms` names them. */
export type TransformId = 'promise-all' | 'all-settled' | 'race' | 'async-foreach' | 'floating' | 'signal' | 'cancel-reader';

/** A member of `ts.SyntaxKind`, by name. */
export type SyntaxKindName = keyof typeof TS.SyntaxKind;

/** Replace source[start, end) with text. Offsets are into the SourceFile's text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * One rewrite for a finding. It is both the rule's suggestion and the codemod's
 * edit, so what the editor offers is exactly what `taskscope-migrate` writes.
 */
export interface Fix<MessageId extends string = string> {
  /** The suggestion's message id in the rule (e.g. `useAll`, `awaitPromise`). */
  messageId: MessageId;
  data?: Record<string, string>;
  /** The codemod transform that applies this fix; a fix without one is editor-only. */
  transform?: TransformId;
  edits: TextEdit[];
  /**
   * Names exported by `taskscope` that the edits refer to. Adapters add or merge the
   * import once per file; the edit text already uses the local names that
   * `runtimeName()` returned, so aliases survive.
   */
  imports: string[];
  /**
   * For a rewrite that cancels: whether it reaches the work it cancels. For one
   * that makes tasks, whether their signals reach work that takes one (in every
   * task, some, or none): a rewrite whose signals reach nothing cancels nothing,
   * and is not offered for a fan-out or a race.
   */
  delivery?: Delivery;
}

export type Delivery = 'all' | 'some' | 'none';

/**
 * A site that needs a human look: the codemod inserts a review marker, instead
 * of a rewrite when no fix has a transform, or beside the rewrite when one has.
 */
export interface Review {
  transform: TransformId;
  /** Short reason, shown as `/* taskscope-migrate: <reason> *\/`. */
  reason: string;
  /** The node whose statement gets the marker. */
  node: TS.Node;
}

export interface Finding<MessageId extends string = string> {
  rule: RuleId;
  messageId: MessageId;
  data?: Record<string, string>;
  /** Where the diagnostic points. */
  node: TS.Node;
  /** Rewrites in order of preference. The codemod applies the first one that has a transform. */
  fixes: Fix<MessageId>[];
  /** Set when the codemod should mark the site for review (see Review). */
  review?: Review;
}

/**
 * What a detector gets. `checker` is undefined in syntactic mode (no type
 * information): detectors then apply their documented, narrower fallback.
 */
export interface AnalysisContext {
  sourceFile: TS.SourceFile;
  checker: TS.TypeChecker | undefined;
  /**
   * The project reports unused parameters (`noUnusedParameters`): a task's
   * signal parameter that nothing reads is left out, or prefixed with `_`
   * where a later parameter needs its place.
   */
  reportsUnusedParameters?: boolean;
  /**
   * The folder file paths are read from (the project's, or ESLint's cwd): a
   * `test/` folder counts only below it, so a checkout under one is not all tests.
   */
  root?: string;
}

/** A JSON schema, for a rule's options object (ESLint validates the options with it). */
export type OptionsSchema = Readonly<Record<string, unknown>>;

/**
 * One rule's detection, shared by the ESLint rule, the codemod and the check
 * CLI: what it reports (its messages, by id), its options (schema and
 * defaults), and `check`. `check` is called for every node whose kind is in
 * `kinds`; it must filter syntactically before asking the checker, never
 * throw, and keep no state across files.
 */
export interface Detector<Options = Record<string, never>, MessageId extends string = string> {
  rule: RuleId;
  /** By name: the numbers differ between compiler versions (see `Engine.kindsOf`). */
  kinds: readonly SyntaxKindName[];
  /** The diagnostics' and the suggestions' texts, with `{{placeholders}}` filled from a finding's or fix's `data`. */
  messages: Readonly<Record<MessageId, string>>;
  /** The options object's schema; undefined for a rule without options. */
  optionsSchema?: OptionsSchema;
  defaultOptions: Options;
  check(node: TS.Node, context: AnalysisContext, options: Options): Finding<MessageId>[];
}
