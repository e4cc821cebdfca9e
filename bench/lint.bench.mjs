#!/usr/bin/env node
// Lints the generated corpus with ESLint's Node API and compares rule costs:
//
//   typed:     our `recommended` config vs typescript-eslint's no-floating-promises +
//              no-misused-promises, both with parserOptions.projectService
//              (goal: ours ≤ 0.5x theirs, from ESLint's per-rule `stats` times);
//   syntactic: a parse-only run (typescript-eslint parser, no rules, no types) vs the
//              same run with our recommended rules (goal: ≤ 10% more; CPU time, which
//              a shared machine disturbs less than wall time). Two more runs show where
//              the overhead comes from: one rule that does nothing (what enabling any
//              rule at all costs ESLint, the floor under the goal) and our rules with
//              their listeners emptied (what ESLint's dispatch to them costs).
//
// Every measurement runs in a fresh child process (no warm program or caches), the
// runs are interleaved and repeated, and the medians are printed.
//
//   node bench/lint.bench.mjs [--corpus dir] [--files N] [--repeat R] [--only typed|syntactic] [--json file]
//   --corpus names a generated corpus (made there when the directory is absent or empty) or a real
//   project, whose src/ is linted as it is (its tsconfig must include src).
//
// Needs the built plugin (packages/eslint-plugin/dist): run `pnpm build` first.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { DEFAULT_CORPUS_DIR, ensureCorpus } from './gen-corpus.mjs';

const root = join(import.meta.dirname, '..');
const pluginDir = join(root, 'packages/eslint-plugin');
// ESLint and typescript-eslint are the plugin's dev dependencies, not the root's.
const requireFromPlugin = createRequire(join(pluginDir, 'package.json'));

const THEIR_RULES = ['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises'];

/** What one child process measures. `stats` adds ESLint's per-rule timers, which cost a little wall time. */
const RUNS = {
  'ours-typed': { typed: true, rules: 'ours', stats: true },
  'theirs-typed': { typed: true, rules: 'theirs', stats: true },
  'parse-only': { typed: false, rules: 'none', stats: false },
  // One rule whose create() returns {}: ESLint alone costs this much more as soon as any rule is on.
  'noop-rule': { typed: false, rules: 'noop', stats: false },
  'ours-syntactic': { typed: false, rules: 'ours', stats: false },
  'ours-syntactic-stats': { typed: false, rules: 'ours', stats: true },
  // Our rules with every listener emptied: what ESLint's dispatch and the rules' setup cost before any detector runs.
  'ours-empty-listeners': { typed: false, rules: 'empty', stats: false },
};
const GROUPS = {
  typed: ['ours-typed', 'theirs-typed'],
  syntactic: ['parse-only', 'noop-rule', 'ours-syntactic', 'ours-syntactic-stats', 'ours-empty-listeners'],
};

// --- child: one ESLint run ------------------------------------------------------

async function measure(runName, corpus) {
  const run = RUNS[runName];
  const { ESLint } = requireFromPlugin('eslint');
  const tsParser = requireFromPlugin('@typescript-eslint/parser');
  const tseslint = await import(pathToFileURL(requireFromPlugin.resolve('typescript-eslint')).href);
  const plugin = (await import(pathToFileURL(join(pluginDir, 'dist/index.js')).href)).default;

  const config = [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: {
        parser: tsParser,
        parserOptions: run.typed ? { projectService: true, tsconfigRootDir: corpus } : {},
      },
    },
  ];
  if (run.rules === 'ours') config.push(plugin.configs.recommended);
  if (run.rules === 'noop') config.push({ plugins: { baseline: noopPlugin }, rules: { 'baseline/noop': 'error' } });
  if (run.rules === 'empty') config.push({ ...plugin.configs.recommended, plugins: { taskscope: withEmptyListeners(plugin) } });
  if (run.rules === 'theirs') {
    config.push({
      plugins: { '@typescript-eslint': tseslint.default.plugin },
      rules: Object.fromEntries(THEIR_RULES.map((rule) => [rule, 'error'])),
    });
  }

  const eslint = new ESLint({ cwd: corpus, overrideConfigFile: true, overrideConfig: config, stats: run.stats });
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const results = await eslint.lintFiles(['src']);
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = performance.now() - start;

  const rules = {};
  const findings = {};
  let parseMs = 0;
  let fatal = 0;
  for (const result of results) {
    for (const pass of result.stats?.times.passes ?? []) {
      parseMs += pass.parse.total;
      for (const [rule, time] of Object.entries(pass.rules ?? {})) rules[rule] = (rules[rule] ?? 0) + time.total;
    }
    for (const message of result.messages) {
      if (message.fatal) fatal++;
      else if (message.ruleId) findings[message.ruleId] = (findings[message.ruleId] ?? 0) + 1;
    }
  }
  return { run: runName, files: results.length, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, parseMs, rules, findings, fatal };
}

/** The baseline for 'noop-rule': one rule that registers no listener. */
const noopPlugin = { rules: { noop: { meta: { type: 'problem', schema: [] }, create: () => ({}) } } };

/** `plugin` with each rule's listeners (from its real `create`) replaced by no-ops. */
function withEmptyListeners(plugin) {
  const empty = () => {};
  const rules = Object.entries(plugin.rules).map(([id, rule]) => [
    id,
    { ...rule, create: (context) => Object.fromEntries(Object.keys(rule.create(context)).map((key) => [key, empty])) },
  ]);
  return { ...plugin, rules: Object.fromEntries(rules) };
}

// --- parent: schedule, repeat, summarize ---------------------------------------------

function countLines(dir) {
  let lines = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      lines += readFileSync(join(entry.parentPath, entry.name), 'utf8').split('\n').length;
    }
  }
  return lines;
}

function runChild(runName, corpus) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', runName, '--corpus', corpus], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const sample = JSON.parse(out.trim().split('\n').at(-1));
  if (sample.fatal > 0) throw new Error(`${runName}: ${sample.fatal} files failed to parse`);
  return sample;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const sum = (values) => values.reduce((a, b) => a + b, 0);
const ms = (value) => `${Math.round(value).toLocaleString('en-US')} ms`;
const percent = (value) => `${(value * 100).toFixed(1)}%`;
const verdict = (ok) => (ok ? 'met' : 'NOT met');
const row = (label, ...cells) => `    ${label.padEnd(46)}${cells.map((cell) => String(cell).padStart(12)).join('')}`;

/** Medians over the samples of one run: per rule, of the per-run rule totals, and of the whole run. */
function summarize(samples) {
  const rules = [...new Set(samples.flatMap((sample) => Object.keys(sample.rules)))].sort();
  const of = (pick) => median(samples.map(pick));
  return {
    rules: rules.map((rule) => ({ rule, ms: of((s) => s.rules[rule] ?? 0), findings: samples[0].findings[rule] ?? 0 })),
    rulesMs: of((s) => sum(Object.values(s.rules))),
    parseMs: of((s) => s.parseMs),
    wallMs: of((s) => s.wallMs),
    cpuMs: of((s) => s.cpuMs),
  };
}

function printRules(title, summary) {
  console.log(`  ${title}`);
  console.log(row('', 'time', 'findings'));
  for (const { rule, ms: time, findings } of summary.rules) console.log(row(rule, ms(time), findings));
  console.log(row('rules total', ms(summary.rulesMs)));
  console.log(row('parsing, incl. building the program', ms(summary.parseMs)));
  console.log(row('whole run (wall / CPU)', ms(summary.wallMs), ms(summary.cpuMs)));
}

/** The median of the per-round ratios: the two runs of a round ran back to back, on the same machine load. */
function pairedRatio(samples, baseline, pick) {
  return median(samples.map((sample, round) => pick(sample) / pick(baseline[round])));
}

function printTyped(samples) {
  const ratio = pairedRatio(samples['ours-typed'], samples['theirs-typed'], (s) => sum(Object.values(s.rules)));
  console.log('Typed (parserOptions.projectService); rule times from ESLint `stats`');
  printRules('taskscope: recommended', summarize(samples['ours-typed']));
  printRules('typescript-eslint: no-floating-promises + no-misused-promises', summarize(samples['theirs-typed']));
  console.log(`  ratio ours / theirs (median per round): ${ratio.toFixed(2)}x (goal ≤ 0.50x: ${verdict(ratio <= 0.5)})\n`);
}

function printSyntactic(samples) {
  // CPU time is the headline here: on a shared machine it moves far less than wall time.
  const overOf = (run, baseline, pick) => pairedRatio(samples[run], samples[baseline], pick) - 1;
  const cpu = (s) => s.cpuMs;
  const wall = (s) => s.wallMs;
  const overhead = overOf('ours-syntactic', 'parse-only', cpu);
  console.log('Syntactic (no type information)');
  console.log(row('', 'wall', 'CPU'));
  for (const [run, label] of [
    ['parse-only', 'parse-only ESLint run'],
    ['noop-rule', 'same + one no-op rule'],
    ['ours-syntactic', 'same + taskscope recommended'],
  ]) {
    const summary = summarize(samples[run]);
    console.log(row(label, ms(summary.wallMs), ms(summary.cpuMs)));
  }
  console.log(row('overhead (median per round), over:', 'parse-only', 'no-op rule'));
  console.log(row('  one no-op rule (CPU)', percent(overOf('noop-rule', 'parse-only', cpu)), ''));
  console.log(row('  taskscope recommended (wall)', percent(overOf('ours-syntactic', 'parse-only', wall)), percent(overOf('ours-syntactic', 'noop-rule', wall))));
  console.log(row('  taskscope recommended (CPU)', percent(overhead), percent(overOf('ours-syntactic', 'noop-rule', cpu))));
  console.log(
    row('    with every listener emptied (CPU)', percent(overOf('ours-empty-listeners', 'parse-only', cpu)), percent(overOf('ours-empty-listeners', 'noop-rule', cpu))),
  );
  console.log(`  overhead over parse-only (CPU): ${percent(overhead)} (goal ≤ 10%: ${verdict(overhead <= 0.1)})`);
  printRules('per rule, from a separate run with `stats`', summarize(samples['ours-syntactic-stats']));
}

async function main(argv) {
  const option = (name, fallback) => {
    const at = argv.indexOf(name);
    return at === -1 ? fallback : argv[at + 1];
  };
  const corpus = resolve(option('--corpus', DEFAULT_CORPUS_DIR));

  if (argv.includes('--child')) {
    console.log(JSON.stringify(await measure(option('--child'), corpus)));
    return;
  }

  const files = Number(option('--files', 1000));
  const repeat = Number(option('--repeat', 3));
  if (!existsSync(join(pluginDir, 'dist/index.js'))) throw new Error('packages/eslint-plugin/dist is missing: run `pnpm build` first');
  if (ensureCorpus(corpus, { files })) console.log(`Generated a corpus of ${files} files in ${relative(process.cwd(), corpus)}`);

  const only = option('--only');
  const names = only ? GROUPS[only] : Object.keys(RUNS);
  if (!names) throw new Error(`--only takes ${Object.keys(GROUPS).join(' or ')}`);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < repeat; round++) {
    // Alternate the order, so that neither side always runs on a warmer (or busier) machine.
    for (const name of round % 2 ? [...names].reverse() : names) {
      console.error(`  round ${round + 1}/${repeat}: ${name}`);
      samples[name].push(runChild(name, corpus));
    }
  }
  const first = samples[names[0]][0];

  const cpu = cpus();
  console.log(
    `\nCorpus: ${first.files.toLocaleString('en-US')} files, ${countLines(join(corpus, 'src')).toLocaleString('en-US')} lines` +
      ` (${relative(process.cwd(), corpus) || '.'}) · ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length} · Node ${process.version}` +
      ` · medians of ${repeat} rounds, each run in a fresh process\n`,
  );
  if (names.includes('ours-typed')) printTyped(samples);
  if (names.includes('parse-only')) printSyntactic(samples);

  const jsonPath = option('--json');
  if (jsonPath) writeFileSync(jsonPath, `${JSON.stringify({ files, repeat, samples }, null, 2)}\n`);
}

await main(process.argv.slice(2));
