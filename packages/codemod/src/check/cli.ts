import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { type CliIo, main as migrateMain } from '../cli.js';
import { type TaskscopeConfig, CONFIG_FILE, RuleSettings, configuredTransforms, findConfig, findEslintConfig, loadConfig } from '../config.js';
import { dirtyTreeRefusal, gitRoot } from '../git.js';
import { progressBar } from '../progress.js';
import { summaryText as migrationSummary } from '../report.js';
import { runMigration } from '../run.js';
import { transforms } from '../transforms/index.js';
import { json } from './formats/json.js';
import { sarif } from './formats/sarif.js';
import { stylish } from './formats/stylish.js';
import { type CheckReport, runCheck } from './run.js';
import { summaryText } from './summary.js';
import { SUPPRESSIONS_FILE, applySuppressions, loadSuppressions, prune, saveSuppressions, suppress } from './suppressions.js';

/** Exit codes, ESLint's: a contract for CI. */
export const CHECK_EXIT = { ok: 0, problems: 1, usage: 2 } as const;

const formats = ['stylish', 'json', 'sarif'] as const;
type Format = (typeof formats)[number];

const usage = `Usage: taskscope <command> [options]

Commands:
  check    run the taskscope lint rules on the project, typed, without ESLint
  migrate  rewrite what they find to taskscope (the same as taskscope-migrate)

Run taskscope <command> --help for its options.
`;

const checkHelp = `Usage: taskscope check [options] [paths...]

Runs eslint-plugin-taskscope's rules without ESLint: typed, with the compiler
taskscope brings, whatever TypeScript the project has. Each file is checked in
the program of its nearest tsconfig.json, as typescript-eslint's project
service does; files no tsconfig includes get its default project.

Options:
  -c, --config <file>       the rules' settings (default: the nearest
                            ${CONFIG_FILE} from the cwd up; none: the preset's)
  --strict                  configs.strict (default: the configuration's preset,
                            else configs.recommended)
  -f, --format <name>       stylish (default), json (ESLint's) or sarif
                            (SARIF 2.1.0, for code scanning)
  -o, --output-file <file>  write the report there instead of stdout
  -p, --project <path>      check exactly this tsconfig's files (a tsconfig.json,
                            or a folder holding one)
  --no-inline-config        ignore eslint-disable comments
  --fix                     first run taskscope-migrate --write on the same
                            files (its rewrites and review markers; never an
                            editor-only suggestion), then check what is left
  --allow-dirty             with --fix: write although the git tree has
                            uncommitted changes
  -h, --help                show this help

Bulk suppressions, as ESLint's (${SUPPRESSIONS_FILE}, the same file):
  --suppress-all                  suppress every error found now
  --suppress-rule <rule>          suppress this rule's errors (repeatable)
  --suppressions-location <file>  the suppressions file (default:
                                  ./${SUPPRESSIONS_FILE})
  --prune-suppressions            remove suppressions that no longer match
  --pass-on-unpruned-suppressions do not fail on suppressions left unused

paths... are the files or folders to check (default: the cwd). Comments
// eslint-disable-next-line taskscope/<rule> (and -line, /* eslint-disable */
... /* eslint-enable */) work as in ESLint.

Exit codes: 0 no problems, 1 problems found, 2 bad usage or no project.
`;

/** The `taskscope` bin: dispatches to its commands. */
export function taskscopeMain(argv: readonly string[], io: CliIo): number {
  const [command, ...rest] = argv;
  if (command === 'check') return checkMain(rest, io);
  if (command === 'migrate') return migrateMain(rest, io);
  if (command === '-h' || command === '--help') {
    io.stdout.write(usage);
    return CHECK_EXIT.ok;
  }
  if (command === '-v' || command === '--version') {
    io.stdout.write(`${(createRequire(import.meta.url)('../../package.json') as { version: string }).version}\n`);
    return CHECK_EXIT.ok;
  }
  io.stderr.write(`${command === undefined ? 'taskscope: no command given' : `taskscope: unknown command "${command}"`}\n${usage}`);
  return CHECK_EXIT.usage;
}

/** `taskscope check`: the report goes to stdout (or --output-file), the progress and the summary to stderr. */
export function checkMain(argv: readonly string[], io: CliIo): number {
  let args: ReturnType<typeof parseCheckArgs>;
  try {
    args = parseCheckArgs(argv);
  } catch (error) {
    io.stderr.write(`taskscope check: ${(error as Error).message}\nRun taskscope check --help for usage.\n`);
    return CHECK_EXIT.usage;
  }
  if (args.help) {
    io.stdout.write(checkHelp);
    return CHECK_EXIT.ok;
  }
  let config: TaskscopeConfig | undefined;
  try {
    const file = findConfig(io.cwd, args.config);
    config = file === undefined ? undefined : loadConfig(file);
  } catch (error) {
    io.stderr.write(`taskscope check: ${(error as Error).message}\n`);
    return CHECK_EXIT.usage;
  }
  const suppressionsFile = path.resolve(io.cwd, args.suppressionsLocation ?? SUPPRESSIONS_FILE);
  const suppressing = args.suppressAll || args.suppressRule !== undefined;
  if (args.suppressionsLocation !== undefined && !existsSync(suppressionsFile) && !suppressing) {
    io.stderr.write('taskscope check: the suppressions file does not exist. Run with --suppress-all or --suppress-rule to create it.\n');
    return CHECK_EXIT.usage;
  }
  const root = gitRoot(io.cwd);
  const files = { cwd: io.cwd, project: args.project, paths: args.paths, gitRoot: root };

  if (args.fix) {
    // The rules' suggestions change what code does; the codemod's rewrites are the ones made to be applied unread.
    const refusal = !args.allowDirty && root !== undefined ? dirtyTreeRefusal('taskscope check --fix', root) : undefined;
    if (refusal) {
      io.stderr.write(refusal);
      return CHECK_EXIT.usage;
    }
    try {
      const migrated = runMigration({ ...files, write: true, transforms: configuredTransforms(transforms, new RuleSettings(config)) });
      io.stderr.write(`${migrationSummary(migrated)}\n`);
    } catch (error) {
      io.stderr.write(`taskscope check --fix: ${(error as Error).message}\n`);
      return CHECK_EXIT.usage;
    }
  }

  const bar = io.stderr.isTTY ? progressBar(io.stderr) : undefined;
  const relative = (file: string) => path.relative(io.cwd, file) || file;
  let report: CheckReport;
  try {
    report = runCheck({
      ...files,
      config,
      preset: args.strict ? 'strict' : undefined,
      inlineConfig: args.inlineConfig,
      onStart: (total) => bar?.start(total),
      onProject: (config, count) => bar?.update(`building the program of ${config ? relative(config) : 'the default project'} (${count} files)`),
      onFile: (file) => bar?.update(relative(file.path), true),
    });
  } catch (error) {
    bar?.done();
    io.stderr.write(`taskscope check: ${(error as Error).message}\n`);
    return CHECK_EXIT.usage;
  }
  bar?.done();
  const eslintConfig = findEslintConfig(io.cwd);
  if (report.unmatched.length > 0) {
    io.stderr.write(summaryText(report, io.cwd, eslintConfig));
    return CHECK_EXIT.usage;
  }

  let unused = {};
  try {
    if (suppressing || args.pruneSuppressions || existsSync(suppressionsFile)) {
      const suppressions = loadSuppressions(suppressionsFile);
      if (suppressing) suppress(report, suppressions, io.cwd, args.suppressRule);
      if (args.pruneSuppressions) prune(report, suppressions, io.cwd);
      if (suppressing || args.pruneSuppressions) saveSuppressions(suppressionsFile, suppressions);
      unused = applySuppressions(report, suppressions, io.cwd);
    }
  } catch (error) {
    io.stderr.write(`taskscope check: ${(error as Error).message}\n`);
    return CHECK_EXIT.usage;
  }

  const output = formatted(report, args.format, { cwd: io.cwd, root: root ?? io.cwd, color: args.outputFile === undefined && isColorTerminal(io.stdout) });
  if (args.outputFile === undefined) io.stdout.write(output);
  else writeFileSync(path.resolve(io.cwd, args.outputFile), output);
  io.stderr.write(summaryText(report, io.cwd, eslintConfig));
  if (Object.keys(unused).length > 0 && !args.passOnUnprunedSuppressions) {
    io.stderr.write(
      `taskscope check: there are suppressions left that do not occur anymore (${Object.keys(unused).join(', ')}). ` +
        'Run with --prune-suppressions to remove them, or --pass-on-unpruned-suppressions to ignore them.\n',
    );
    return CHECK_EXIT.usage;
  }
  return report.files.some((file) => file.problems.some((p) => p.severity === 2)) ? CHECK_EXIT.problems : CHECK_EXIT.ok;
}

function formatted(report: CheckReport, format: Format, options: { cwd: string; root: string; color: boolean }): string {
  if (format === 'json') return json(report);
  if (format === 'sarif') return sarif(report, options);
  return stylish(report, options);
}

function isColorTerminal(stream: NodeJS.WritableStream & { isTTY?: boolean }): boolean {
  return stream.isTTY === true && !process.env.NO_COLOR;
}

function parseCheckArgs(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    allowNegative: true,
    options: {
      config: { type: 'string', short: 'c' },
      strict: { type: 'boolean', default: false },
      format: { type: 'string', short: 'f', default: 'stylish' },
      'output-file': { type: 'string', short: 'o' },
      project: { type: 'string', short: 'p' },
      'inline-config': { type: 'boolean', default: true },
      fix: { type: 'boolean', default: false },
      'allow-dirty': { type: 'boolean', default: false },
      'suppress-all': { type: 'boolean', default: false },
      'suppress-rule': { type: 'string', multiple: true },
      'suppressions-location': { type: 'string' },
      'prune-suppressions': { type: 'boolean', default: false },
      'pass-on-unpruned-suppressions': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const format = values.format as Format;
  if (!formats.includes(format)) throw new Error(`unknown format "${values.format}"; expected one of: ${formats.join(', ')}`);
  if (values['allow-dirty'] && !values.fix) throw new Error('--allow-dirty only goes with --fix');
  // ESLint's own rules for combining them.
  if (values['suppress-all'] && values['suppress-rule']) throw new Error('--suppress-all and --suppress-rule cannot be used together');
  if (values['prune-suppressions'] && (values['suppress-all'] || values['suppress-rule'])) {
    throw new Error(`--prune-suppressions cannot be used with ${values['suppress-all'] ? '--suppress-all' : '--suppress-rule'}`);
  }
  return {
    config: values.config,
    strict: values.strict,
    format,
    outputFile: values['output-file'],
    project: values.project,
    inlineConfig: values['inline-config'],
    fix: values.fix,
    allowDirty: values['allow-dirty'],
    suppressAll: values['suppress-all'],
    suppressRule: values['suppress-rule'],
    suppressionsLocation: values['suppressions-location'],
    pruneSuppressions: values['prune-suppressions'],
    passOnUnprunedSuppressions: values['pass-on-unpruned-suppressions'],
    help: values.help,
    paths: positionals,
  };
}
