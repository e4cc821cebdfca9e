// taskscope.config.json: what it accepts, what it refuses (with the reason),
// and how its levels merge, the way a flat config's objects do.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { RuleSettings, findConfig, globToRegExp, loadConfig } from '../src/config.js';
import { tempProject } from './temp-project.js';

function configFile(config: unknown): string {
  const dir = tempProject({ 'taskscope.config.json': JSON.stringify(config) });
  return path.join(dir, 'taskscope.config.json');
}

const settingsOf = (config: unknown, preset?: 'recommended' | 'strict') => new RuleSettings(loadConfig(configFile(config)), preset);

describe('taskscope.config.json', () => {
  it('is found from the cwd up, and --config names another', () => {
    const file = configFile({});
    const nested = path.join(path.dirname(file), 'packages/app/src');
    mkdirSync(nested, { recursive: true });
    expect(findConfig(nested)).toBe(file);
    writeFileSync(path.join(nested, 'other.json'), '{}');
    expect(findConfig(nested, 'other.json')).toBe(path.join(nested, 'other.json'));
    expect(() => findConfig(nested, 'missing.json')).toThrow(/no configuration file at .*missing\.json/);
  });

  it.each([
    [{ rule: {} }, 'unknown key "rule"; expected preset, rules, overrides'],
    [{ preset: 'all' }, 'preset must be "recommended" or "strict", not "all"'],
    [{ rules: { 'no-floating-promises': 'error' } }, 'rules: unknown rule "no-floating-promises"; the rules are taskscope/no-floating-promises,'],
    [{ rules: { 'taskscope/no-floating-promises': 'on' } }, 'the severity must be "off", "warn", "error" or 0, 1, 2, not "on"'],
    [{ rules: { 'taskscope/no-orphaned-fan-out': ['error', { alow: [] }] } }, 'unknown option "alow"; its options are allow, defaultConcurrency, checkTestFiles, checkExamples'],
    [{ rules: { 'taskscope/no-orphaned-fan-out': ['error', { allow: 'browseWeb' }] } }, 'option "allow" must be an array of strings'],
    [{ rules: { 'taskscope/no-orphaned-fan-out': ['error', { defaultConcurrency: 2.5 }] } }, 'option "defaultConcurrency" must be a integer'],
    [{ rules: { 'taskscope/no-uncancelled-race': ['error', { any: true }] } }, 'unknown option "any"; it takes none'],
    [{ overrides: [{ rules: {} }] }, 'overrides[0].files must be a non-empty array of glob patterns'],
    [{ overrides: [{ files: ['src/**'], ignores: ['x'] }] }, 'overrides[0]: unknown key "ignores"; expected files, rules'],
  ])('refuses %j, saying why', (config, message) => {
    expect(() => loadConfig(configFile(config))).toThrow(message);
  });

  it('merges as a flat config does: a later severity wins, options replace, a severity alone keeps them; under the detector defaults', () => {
    const settings = settingsOf({
      rules: { 'taskscope/no-orphaned-fan-out': ['warn', { allow: ['browseWeb'] }], 'taskscope/no-unchecked-settled': 'off' },
      overrides: [
        { files: ['src/legacy/**'], rules: { 'taskscope/no-orphaned-fan-out': 'error' } },
        { files: ['src/legacy/vendor/*.ts'], rules: { 'taskscope/no-orphaned-fan-out': ['error', { checkTestFiles: true }] } },
      ],
    });
    const dir = path.dirname(settings.config!.path);
    const fanOut = (file: string) => settings.forFile(path.join(dir, file)).get('no-orphaned-fan-out');

    expect(fanOut('src/app.ts')).toEqual({ severity: 1, options: { allow: ['browseWeb'], defaultConcurrency: 8, checkTestFiles: false, checkExamples: false }, configured: true });
    expect(fanOut('src/legacy/old.ts')).toMatchObject({ severity: 2, options: { allow: ['browseWeb'] } });
    expect(fanOut('src/legacy/vendor/lib.ts')).toMatchObject({ severity: 2, options: { allow: [], checkTestFiles: true } });
    // Outside the configuration's folder no override applies.
    expect(settings.forFile(path.join(dir, '../elsewhere/src/legacy/old.ts')).get('no-orphaned-fan-out')).toMatchObject({ severity: 1 });

    const base = settings.base;
    expect(base.get('no-unchecked-settled')).toMatchObject({ severity: 0, configured: true });
    expect(base.get('no-floating-promises')).toMatchObject({ severity: 2, configured: false });
    // The recommended preset leaves it off, and the configuration does not mention it.
    expect(base.get('no-unbounded-fan-out')).toMatchObject({ severity: 0, configured: false });
    expect(settings.used).not.toContain('no-unchecked-settled');
  });

  it('takes its preset from the file, and --strict over it', () => {
    expect(settingsOf({ preset: 'strict' }).used).toContain('no-unbounded-fan-out');
    expect(settingsOf({}).used).not.toContain('no-unbounded-fan-out');
    expect(settingsOf({}, 'strict').used).toContain('no-unbounded-fan-out');
  });

  it('lists a rule the preset leaves off when an override turns it on', () => {
    const settings = settingsOf({ overrides: [{ files: ['src/jobs/**'], rules: { 'taskscope/no-unbounded-fan-out': 'warn' } }] });
    const dir = path.dirname(settings.config!.path);
    expect(settings.used).toContain('no-unbounded-fan-out');
    expect(settings.forFile(path.join(dir, 'src/jobs/nightly.ts')).get('no-unbounded-fan-out')!.severity).toBe(1);
    expect(settings.forFile(path.join(dir, 'src/api.ts')).get('no-unbounded-fan-out')!.severity).toBe(0);
  });
});

describe('files patterns', () => {
  it.each([
    ['src/legacy/**', ['src/legacy/a.ts', 'src/legacy/deep/b.ts'], ['src/legacyx/a.ts', 'lib/src/legacy/a.ts']],
    ['src/legacy/', ['src/legacy/a.ts', 'src/legacy/deep/b.ts'], ['src/a.ts']],
    ['**/*.test.ts', ['a.test.ts', 'src/x/a.test.ts', '.hidden/a.test.ts'], ['a.test.tsx', 'src/a.ts']],
    ['*.ts', ['a.ts'], ['src/a.ts']],
    ['src/{api,jobs}/*.ts', ['src/api/a.ts', 'src/jobs/b.ts'], ['src/web/a.ts', 'src/api/x/a.ts']],
    ['./src/?.ts', ['src/a.ts'], ['src/ab.ts']],
  ])('%s', (pattern, matching, other) => {
    const regexp = globToRegExp(pattern);
    for (const file of matching) expect(regexp.test(file), file).toBe(true);
    for (const file of other) expect(regexp.test(file), file).toBe(false);
  });
});
