import type { RuleId } from '@taskscope/core';
import plugin from 'eslint-plugin-taskscope';

import { PLUGIN_PREFIX, type RuleSettings, type Severity, detectors, perFile } from '../config.js';
import type { DetectorRun } from '../walk.js';

export { PLUGIN_PREFIX, type Preset } from '../config.js';

/** A reported problem's severity: ESLint's 1 (a warning) or 2 (an error). */
export type ReportedSeverity = Exclude<Severity, 0>;

/**
 * A rule as `taskscope check` runs it: the detector with each file's options
 * (the configuration's, under the preset's and the detector's defaults), and
 * the rule's meta (description, docs link, messages) as the plugin has it.
 */
export interface CheckRule extends DetectorRun {
  readonly id: RuleId;
  /** `taskscope/<id>`, as ESLint names it in its output and in disable comments. */
  readonly name: string;
  /** Where no override applies (SARIF's default level); a file may have another, `severityIn`. */
  readonly severity: ReportedSeverity;
  severityIn(fileName: string): Severity;
  readonly description: string;
  readonly url: string;
  /** The rule's messages by message id, with `{{placeholders}}` (`formatMessage`). */
  readonly messages: Readonly<Record<string, string>>;
}

/** The rules on anywhere in the settings (at the top or in an override), in the plugin's order. */
export function rulesOf(settings: RuleSettings): CheckRule[] {
  return settings.used.map((id) => {
    const detector = detectors.get(id);
    const meta = plugin.rules[id]?.meta;
    if (!detector || !meta) throw new Error(`taskscope check has no detector for the rule ${id}`);
    const severityIn = (fileName: string) => settings.forFile(fileName).get(id)!.severity;
    const optionsIn = (fileName: string) => {
      const setting = settings.forFile(fileName).get(id)!;
      return setting.severity > 0 ? setting.options : undefined;
    };
    return {
      id,
      name: `${PLUGIN_PREFIX}${id}`,
      severity: settings.base.get(id)!.severity === 1 ? 1 : 2,
      severityIn,
      detector: perFile(detector, optionsIn),
      options: undefined,
      description: meta.docs?.description ?? '',
      url: meta.docs?.url ?? '',
      messages: meta.messages ?? {},
    };
  });
}

