// `taskscope check` against ESLint with the same rules (eslint-plugin-taskscope's
// configs.strict, typed through typescript-eslint's project service) on the
// shared real-code corpus, repository by repository, in one process: files/s
// side by side, and whether the two report the same findings (message, place
// and every suggestion's edit). The two alternate which goes first, so neither
// always meets a warm disk cache. Exits 1 when the findings differ.
//
//   pnpm bench:check [--all | --repositories a,b]   (default: openai-node, anthropic-sdk, trpc)
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { corpusAvailable, unpackCorpus } from '../../../test/real-corpus/corpus.js';
import { type LintFinding, lintFindingOf, lintRepositories } from '../../eslint-plugin/test/real-corpus/sweep.js';
import { runCheck } from '../src/check/run.js';

const { values } = parseArgs({ options: { all: { type: 'boolean', default: false }, repositories: { type: 'string' } } });

if (!corpusAvailable('bench:check')) process.exit(0);
const corpus = unpackCorpus();
const chosen = values.all ? corpus.repositories : (values.repositories?.split(',') ?? ['openai-node', 'anthropic-sdk', 'trpc']);
const unknown = chosen.filter((r) => !corpus.repositories.includes(r));
if (unknown.length > 0) {
  console.error(`bench:check: no repository ${unknown.join(', ')} in the corpus (it has ${corpus.repositories.join(', ')})`);
  process.exit(2);
}

const relative = (file: string) => path.relative(corpus.dir, file).split(path.sep).join('/');
const said = (findings: readonly LintFinding[]) => new Set(findings.map((f) => `${f.file} ${f.rule} ${f.detail}`));

interface Row {
  repository: string;
  files: number;
  eslintS: number;
  checkS: number;
  findings: number;
  differences: string[];
}

const rows: Row[] = [];
try {
  for (const [index, repository] of chosen.entries()) {
    const files = corpus.files.filter((file) => relative(file).startsWith(`${repository}/`));
    const eslint = async () => {
      const result = await lintRepositories(corpus, [repository], 'typed');
      return { seconds: result.wallMs / 1000, findings: result.findings, files: result.files };
    };
    const check = () => {
      const started = performance.now();
      // The sweep's linter options: the repositories' own disable comments name plugins that are not loaded.
      const report = runCheck({ cwd: corpus.dir, paths: files, preset: 'strict', inlineConfig: false });
      const findings = report.files.flatMap((file) => file.problems.filter((p) => !p.fatal).map((p) => lintFindingOf(relative(file.path), { ...p, ruleId: p.rule })));
      return { seconds: (performance.now() - started) / 1000, findings, files: report.files.length };
    };
    const [ours, theirs] = index % 2 === 0 ? [check(), await eslint()] : await eslint().then((e) => [check(), e] as const);
    const a = said(ours.findings);
    const b = said(theirs.findings);
    const differences = [...[...a].filter((x) => !b.has(x)).map((x) => `only check:  ${x}`), ...[...b].filter((x) => !a.has(x)).map((x) => `only ESLint: ${x}`)];
    // The check leaves declaration files out (nothing in them runs); ESLint lints them and finds nothing.
    if (ours.files !== theirs.files) console.error(`  ${repository}: check ${ours.files} files, ESLint ${theirs.files} (declaration files)`);
    rows.push({ repository, files: theirs.files, eslintS: theirs.seconds, checkS: ours.seconds, findings: theirs.findings.length, differences });
    console.error(`  ${repository}: done`);
  }
} finally {
  corpus.dispose();
}

const rate = (files: number, seconds: number) => (files / seconds).toFixed(1);
const table = [
  ['repository', 'files', 'ESLint s', 'ESLint files/s', 'check s', 'check files/s', 'speed-up', 'findings', 'same'],
  ...rows.map((r) => [r.repository, String(r.files), r.eslintS.toFixed(1), rate(r.files, r.eslintS), r.checkS.toFixed(1), rate(r.files, r.checkS), `${(r.eslintS / r.checkS).toFixed(2)}x`, String(r.findings), r.differences.length === 0 ? 'yes' : `${r.differences.length} differ`]),
];
const sum = (pick: (r: Row) => number) => rows.reduce((n, r) => n + pick(r), 0);
const files = sum((r) => r.files);
table.push(['all', String(files), sum((r) => r.eslintS).toFixed(1), rate(files, sum((r) => r.eslintS)), sum((r) => r.checkS).toFixed(1), rate(files, sum((r) => r.checkS)), `${(sum((r) => r.eslintS) / sum((r) => r.checkS)).toFixed(2)}x`, String(sum((r) => r.findings)), '']);
const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
console.log(`taskscope check vs ESLint (configs.strict, typed), wall time per repository:\n`);
for (const row of table) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
const differing = rows.flatMap((r) => r.differences);
if (differing.length > 0) {
  console.log(`\nthe findings differ:\n${differing.slice(0, 50).join('\n')}`);
  process.exitCode = 1;
}
