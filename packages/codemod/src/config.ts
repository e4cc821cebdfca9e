// The rules' one configuration: `taskscope.config.json`, read by `taskscope
// check` and `taskscope-migrate`, and spread into an eslint.config by the
// project itself (README, "One configuration"). Its rule entries have the
// shape of a flat config's `rules`, and each override is a flat config object
// (`files` and `rules`), so ESLint reads them as they are:
//
//   {
//     "preset": "recommended",
//     "rules": { "taskscope/no-orphaned-fan-out": ["error", { "allow": ["searchWeb"] }] },
//     "overrides": [{ "files": ["src/legacy/**"], "rules": { "taskscope/no-floating-promises": "warn" } }]
//   }
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { type Detector, type RuleId, allDetectors } from '@taskscope/core';
import plugin from 'eslint-plugin-taskscope';

import type { Transform } from './transforms/index.js';

export const CONFIG_FILE = 'taskscope.config.json';

/** The names ESLint looks for (ESLint 9 and 10). */
const ESLINT_CONFIG_FILES = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

export const PLUGIN_PREFIX = 'taskscope/';

/** The plugin's presets: `configs.recommended` and `configs.strict`. */
export type Preset = 'recommended' | 'strict';

/** ESLint's severities: 0 off, 1 a warning, 2 an error. */
export type Severity = 0 | 1 | 2;

export type Options = Readonly<Record<string, unknown>>;

/** A rule's entry at one level: its severity and, when given, options that replace the earlier ones (as in ESLint). */
interface Entry {
  severity: Severity;
  options?: Options;
}

type Entries = ReadonlyMap<RuleId, Entry>;

export interface TaskscopeConfig {
  /** Absolute. */
  path: string;
  preset: Preset;
  rules: Entries;
  /** In order, a later one that matches a file winning, as in a flat config; `files` are relative to the file's folder. */
  overrides: readonly { matches(relative: string): boolean; rules: Entries }[];
}

/** A rule's setting for one file. */
export interface RuleSetting {
  severity: Severity;
  /** The detector's defaults under the configured options. */
  options: Options;
  /** Whether the configuration file itself set the severity (not only the preset). */
  configured: boolean;
}

export const detectors: ReadonlyMap<RuleId, Detector<unknown>> = new Map(allDetectors.map((detector) => [detector.rule, detector as Detector<unknown>]));

/**
 * `--config <file>` when given (it must exist), else the nearest
 * taskscope.config.json from `cwd` up; undefined when there is none.
 */
export function findConfig(cwd: string, explicit?: string): string | undefined {
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit);
    if (!existsSync(file)) throw new Error(`no configuration file at ${file}`);
    return file;
  }
  return nearest(cwd, [CONFIG_FILE]);
}

/** The nearest ESLint flat config from `cwd` up, for telling the user which of the two was read. */
export function findEslintConfig(cwd: string): string | undefined {
  return nearest(cwd, ESLINT_CONFIG_FILES);
}

function nearest(from: string, names: readonly string[]): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const found = names.map((name) => path.join(dir, name)).find((file) => existsSync(file));
    if (found || path.dirname(dir) === dir) return found;
  }
}

/** Reads and validates a configuration file; throws with the file's name and what is wrong. */
export function loadConfig(file: string): TaskscopeConfig {
  const fail = (message: string): never => {
    throw new Error(`${file}: ${message}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return fail(`not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(raw)) return fail('expected an object');
  for (const key of Object.keys(raw)) if (!['$schema', 'preset', 'rules', 'overrides'].includes(key)) fail(`unknown key "${key}"; expected preset, rules, overrides`);
  const preset = raw.preset ?? 'recommended';
  if (preset !== 'recommended' && preset !== 'strict') fail(`preset must be "recommended" or "strict", not ${JSON.stringify(preset)}`);
  const overrides = raw.overrides ?? [];
  if (!Array.isArray(overrides)) return fail('overrides must be an array of { files, rules } objects');
  return {
    path: file,
    preset: preset as Preset,
    rules: entriesOf(raw.rules ?? {}, 'rules', fail),
    overrides: overrides.map((override: unknown, index) => {
      const where = `overrides[${index}]`;
      if (!isObject(override)) return fail(`${where} must be a { files, rules } object`);
      for (const key of Object.keys(override)) if (key !== 'files' && key !== 'rules') fail(`${where}: unknown key "${key}"; expected files, rules`);
      const { files } = override;
      if (!Array.isArray(files) || files.length === 0 || !files.every((f) => typeof f === 'string')) return fail(`${where}.files must be a non-empty array of glob patterns`);
      const patterns = files.map((pattern) => globToRegExp(pattern));
      return {
        matches: (relative: string) => patterns.some((pattern) => pattern.test(relative)),
        rules: entriesOf(override.rules ?? {}, `${where}.rules`, fail),
      };
    }),
  };
}

function entriesOf(rules: unknown, where: string, fail: (message: string) => never): Entries {
  if (!isObject(rules)) return fail(`${where} must be an object of rule entries`);
  const entries = new Map<RuleId, Entry>();
  for (const [name, value] of Object.entries(rules)) {
    const id = name.startsWith(PLUGIN_PREFIX) ? (name.slice(PLUGIN_PREFIX.length) as RuleId) : undefined;
    const detector = id && detectors.get(id);
    if (!id || !detector) fail(`${where}: unknown rule "${name}"; the rules are ${[...detectors.keys()].map((r) => PLUGIN_PREFIX + r).join(', ')}`);
    const [level, options, ...rest] = Array.isArray(value) ? value : [value];
    const severity = severityOf(level);
    if (severity === undefined) fail(`${where}: ${name}: the severity must be "off", "warn", "error" or 0, 1, 2, not ${JSON.stringify(level)}`);
    if (rest.length > 0) fail(`${where}: ${name}: a rule takes one options object`);
    const entry: Entry = { severity: severity! };
    if (options !== undefined) entry.options = checkedOptions(detector!, options, `${where}: ${name}`, fail);
    entries.set(id!, entry);
  }
  return entries;
}

/** The options object against the detector's schema: known keys, and the JSON type each takes. */
function checkedOptions(detector: Detector<unknown>, options: unknown, where: string, fail: (message: string) => never): Options {
  const properties = (detector.optionsSchema?.properties ?? {}) as Record<string, { type?: string; items?: { type?: string } }>;
  const known = Object.keys(properties);
  if (!isObject(options)) return fail(`${where}: options must be an object`);
  for (const [key, value] of Object.entries(options)) {
    const schema = properties[key];
    if (!schema) fail(`${where}: unknown option "${key}"; ${known.length > 0 ? `its options are ${known.join(', ')}` : 'it takes none'}`);
    if (!hasType(value, schema!.type) || (Array.isArray(value) && !value.every((item) => hasType(item, schema!.items?.type)))) {
      fail(`${where}: option "${key}" must be ${schema!.type === 'array' ? `an array of ${schema!.items?.type ?? 'values'}s` : `a ${schema!.type}`}`);
    }
  }
  return options;
}

function hasType(value: unknown, type: string | undefined): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return isObject(value);
  return type === undefined || typeof value === type;
}

function severityOf(level: unknown): Severity | undefined {
  if (level === 'off' || level === 0) return 0;
  if (level === 'warn' || level === 1) return 1;
  if (level === 'error' || level === 2) return 2;
  return undefined;
}

/**
 * A flat config `files` pattern as a RegExp over a `/`-separated path relative
 * to the configuration's folder: `**` any folders, `*` and `?` within a name,
 * `{a,b}` alternatives, a trailing `/` everything below. Dot files match, as
 * ESLint's minimatch `dot` does.
 */
export function globToRegExp(pattern: string): RegExp {
  let glob = pattern.replace(/^\.\//, '');
  if (glob.startsWith('!')) throw new Error(`negated patterns are not supported in files: ${pattern}`);
  if (glob.endsWith('/')) glob += '**';
  let source = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      braces++;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (char === ',' && braces > 0) source += '|';
    else source += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * The settings of every rule, per file: the preset's entries, then the
 * configuration's `rules`, then each override whose `files` match, as ESLint
 * merges a flat config's objects: a later severity wins, later options replace
 * earlier ones, and a severity alone keeps them. Options end under the
 * detector's defaults, as each rule's `create` merges them.
 */
export class RuleSettings {
  readonly preset: Preset;
  private readonly cache = new Map<string, ReadonlyMap<RuleId, RuleSetting>>();
  private readonly dir: string | undefined;
  private last: { file: string; settings: ReadonlyMap<RuleId, RuleSetting> } | undefined;

  constructor(
    readonly config: TaskscopeConfig | undefined,
    preset?: Preset,
  ) {
    this.preset = preset ?? config?.preset ?? 'recommended';
    this.dir = config && path.dirname(config.path);
  }

  /** The settings without any override: what the rules are where no `files` pattern matches. */
  get base(): ReadonlyMap<RuleId, RuleSetting> {
    return this.resolve([]);
  }

  /** The rules on at the top level or in some override, in the plugin's order. */
  get used(): RuleId[] {
    const layers = [this.config?.rules ?? new Map(), ...(this.config?.overrides.map((o) => o.rules) ?? [])];
    const base = this.base;
    return [...base.keys()].filter((id) => base.get(id)!.severity > 0 || layers.some((rules) => (rules.get(id)?.severity ?? 0) > 0));
  }

  forFile(file: string): ReadonlyMap<RuleId, RuleSetting> {
    // Asked at every node the walk hands a detector, and the walk does one file at a time.
    if (this.last?.file === file) return this.last.settings;
    const matched = this.dir === undefined ? [] : this.matching(path.relative(this.dir, file).split(path.sep).join('/'));
    this.last = { file, settings: this.resolve(matched) };
    return this.last.settings;
  }

  private matching(relative: string): number[] {
    if (relative.startsWith('../') || path.isAbsolute(relative)) return [];
    return this.config!.overrides.flatMap((override, index) => (override.matches(relative) ? [index] : []));
  }

  private resolve(overrides: readonly number[]): ReadonlyMap<RuleId, RuleSetting> {
    const key = overrides.join(',');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const presetRules = plugin.configs[this.preset].rules ?? {};
    const layers = [this.config?.rules, ...overrides.map((index) => this.config!.overrides[index]!.rules)];
    const settings = new Map<RuleId, RuleSetting>();
    for (const [id, detector] of detectors) {
      const presetEntry = presetRules[`${PLUGIN_PREFIX}${id}`];
      let severity: Severity = severityOf(Array.isArray(presetEntry) ? presetEntry[0] : presetEntry) ?? 0;
      let options: Options | undefined;
      let configured = false;
      for (const entry of layers.map((rules) => rules?.get(id))) {
        if (!entry) continue;
        severity = entry.severity;
        configured = true;
        if (entry.options) options = entry.options;
      }
      // The detector's defaults, then the rule's (ESLint's meta.defaultOptions), then the configured ones.
      const [ruleDefaults] = (plugin.rules[id]?.meta?.defaultOptions ?? []) as unknown[];
      settings.set(id, { severity, options: { ...(detector.defaultOptions as object), ...(ruleDefaults as object), ...options }, configured });
    }
    this.cache.set(key, settings);
    return settings;
  }
}

/**
 * The detector run with each file's own options, and not at all in a file
 * where `optionsFor` gives undefined (the rule is off there). The walk hands
 * it the nodes as before; only `check` asks which file it is in. `given` is
 * what the walk was set up with.
 */
export function perFile(detector: Detector<unknown>, optionsFor: (fileName: string, given: unknown) => unknown): Detector<unknown> {
  return {
    ...detector,
    check(node, context, given) {
      const options = optionsFor(context.sourceFile.fileName, given);
      return options === undefined ? [] : detector.check(node, context, options);
    },
  };
}

/**
 * The codemod's transforms under the configuration: each detector with the
 * file's configured options, and none where the configuration itself turns
 * its rule off (a rule the preset leaves off still runs when a transform asks
 * for it: `--concurrency` runs no-unbounded-fan-out). What a transform sets
 * itself (all-settled's `rewriteChecked`, the `--concurrency` limit) stays
 * over the configured options.
 */
export function configuredTransforms(selected: readonly Transform[], settings: RuleSettings): Transform[] {
  if (!settings.config) return [...selected];
  const wrapped = new Map<Detector<unknown>, Detector<unknown>>();
  const wrap = (detector: Detector<unknown>) => {
    const defaults = detector.defaultOptions as Options;
    const own = new WeakMap<object, Options>();
    const ownOf = (given: Options) => {
      let set = own.get(given);
      if (!set) own.set(given, (set = Object.fromEntries(Object.entries(given).filter(([key, value]) => value !== defaults[key]))));
      return set;
    };
    return perFile(detector, (fileName, given) => {
      const setting = settings.forFile(fileName).get(detector.rule)!;
      if (setting.configured && setting.severity === 0) return undefined;
      return { ...setting.options, ...ownOf(given as Options) };
    });
  };
  return selected.map((transform) => ({
    ...transform,
    detectors: transform.detectors.map((use) => {
      let detector = wrapped.get(use.detector);
      if (!detector) wrapped.set(use.detector, (detector = wrap(use.detector)));
      return { detector, options: use.options };
    }),
  }));
}

/** Where the settings came from, for the summaries: a path relative to `cwd`, or the preset's name. */
export function describeSource(settings: RuleSettings, cwd: string): string {
  return settings.config ? path.relative(cwd, settings.config.path) || settings.config.path : `configs.${settings.preset}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
