import {
  type Detector,
  type RuleId,
  noAsyncIterationCallback,
  noFloatingPromises,
  noOrphanedFanOut,
  noUnboundedFanOut,
  noUncancelledRace,
  noUncheckedSettled,
  requireSignalPropagation,
} from '@taskscope/core';
import plugin from 'eslint-plugin-taskscope';

import type { DetectorRun } from '../walk.js';

/** The plugin's presets: `configs.recommended` and `configs.strict`. */
export type Preset = 'recommended' | 'strict';

/** ESLint's severities: 1 is a warning, 2 an error. */
export type Severity = 1 | 2;

/**
 * A rule as `taskscope check` runs it: the detector with the options the
 * plugin's preset gives the ESLint rule, and the rule's meta (description, docs link, messages) as the plugin has it.
 */
export interface CheckRule extends DetectorRun {
  readonly id: RuleId;
  /** `taskscope/<id>`, as ESLint names it in its output and in disable comments. */
  readonly name: string;
  readonly severity: Severity;
  readonly description: string;
  readonly url: string;
  /** The rule's messages by message id, with `{{placeholders}}` (`formatMessage`). */
  readonly messages: Readonly<Record<string, string>>;
}

export const PLUGIN_PREFIX = 'taskscope/';

const detectors: ReadonlyMap<RuleId, Detector<unknown>> = new Map(
  [noFloatingPromises, noOrphanedFanOut, noUncheckedSettled, noUncancelledRace, noAsyncIterationCallback, requireSignalPropagation, noUnboundedFanOut].map(
    (detector) => [detector.rule, detector as Detector<unknown>],
  ),
);

/** The rules a preset turns on, in the plugin's order. */
export function rulesOf(preset: Preset): CheckRule[] {
  const entries = plugin.configs[preset].rules ?? {};
  return Object.entries(plugin.rules).flatMap(([id, rule]) => {
    const entry = entries[`${PLUGIN_PREFIX}${id}`];
    const [level, given] = Array.isArray(entry) ? entry : [entry];
    const severity = severityOf(level);
    const detector = detectors.get(id as RuleId);
    if (severity === undefined) return [];
    if (!detector) throw new Error(`taskscope check has no detector for the rule ${id}`);
    const { meta } = rule;
    // What each rule's create() hands its detector: the detector's defaults, then the rule's, then the preset's.
    const [ruleDefaults] = (meta?.defaultOptions ?? []) as unknown[];
    const options = { ...(detector.defaultOptions as object), ...(ruleDefaults as object), ...(given as object) };
    return [
      {
        id: id as RuleId,
        name: `${PLUGIN_PREFIX}${id}`,
        severity,
        detector,
        options,
        description: meta?.docs?.description ?? '',
        url: meta?.docs?.url ?? '',
        messages: meta?.messages ?? {},
      },
    ];
  });
}

function severityOf(level: unknown): Severity | undefined {
  if (level === 'error' || level === 2) return 2;
  if (level === 'warn' || level === 1) return 1;
  return undefined;
}

/** A message with its `{{ name }}` placeholders filled from `data`, as ESLint fills them; unknown names stay as written. */
export function formatMessage(template: string, data: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{\{([^{}]+?)\}\}/g, (whole, name: string) => data[name.trim()] ?? whole);
}
