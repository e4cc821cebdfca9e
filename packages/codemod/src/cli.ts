import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { CONFIG_FILE, RuleSettings, configuredTransforms, describeSource, findConfig, loadConfig } from './config.js';
import { dirtyTreeRefusal, gitRoot } from './git.js';
import { createProgress } from './progress.js';
import { jsonReport, markdownReport, summaryText } from './report.js';
import { runMigration } from './run.js';
import { selectTransforms, transforms } from './transforms/index.js';

/** Exit codes: a contract for scripts and CI. */
export const EXIT = { ok: 0, fileError: 1, usage: 2 } as const;

export interface CliIo {
  cwd: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

const help = `Usage: taskscope-migrate [options] [paths...]

Rewrites unstructured concurrency to taskscope: the sites eslint-plugin-taskscope
reports. A dry run by default: prints a unified diff and writes nothing.

Options:
  --write                    apply the changes (each file written atomically)
  --allow-dirty              write even though the git tree has uncommitted changes
  --include-tests            also migrate test files (*.test.*, *.spec.*, __tests__/,
                             test/ and e2e/ folders), which are left out by default
  -p, --project <path>       migrate exactly this tsconfig's files (a tsconfig.json,
                             or a folder holding one); by default each file is
                             analysed with the nearest tsconfig.json that includes it
  -c, --config <file>        the rules' settings, as taskscope check reads them
                             (default: the nearest ${CONFIG_FILE} from the cwd
                             up): a rule it turns off is not migrated, and
                             the rules' options apply (no-orphaned-fan-out's
                             allow, ...)
  -t, --transforms <a,b>     the transforms to run (default: all)
  --concurrency <n>          limit written into map(...) rewrites; also rewrites
                             unbounded .map fan-out (no-unbounded-fan-out)
  --report <json|md> <file>  also write a report of the run
  -h, --help                 show this help

Transforms:
${transforms.map((t) => `  ${t.id.padEnd(14)} ${t.description}`).join('\n')}

paths... are the files or folders to migrate (default: the cwd).
A statement preceded by // taskscope-migrate-ignore is left alone; sites that
need a human get /* taskscope-migrate: <reason> */.

Exit codes: 0 done, 1 a file could not be migrated (left untouched),
2 bad usage, no project, or a dirty git tree without --allow-dirty.
`;

/** Runs the CLI and returns its exit code. Diffs go to stdout; progress and the summary to stderr. */
export function main(argv: readonly string[], io: CliIo): number {
  let args: ReturnType<typeof parseCli>;
  try {
    args = parseCli(argv);
  } catch (error) {
    io.stderr.write(`taskscope-migrate: ${(error as Error).message}\nRun taskscope-migrate --help for usage.\n`);
    return EXIT.usage;
  }
  if (args.help) {
    io.stdout.write(help);
    return EXIT.ok;
  }

  let settings: RuleSettings;
  try {
    const file = findConfig(io.cwd, args.config);
    settings = new RuleSettings(file === undefined ? undefined : loadConfig(file));
  } catch (error) {
    io.stderr.write(`taskscope-migrate: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  if (settings.config) io.stderr.write(`taskscope-migrate: rule settings from ${describeSource(settings, io.cwd)}\n`);

  const root = gitRoot(io.cwd);
  const refusal = args.write && !args.allowDirty && root !== undefined ? dirtyTreeRefusal('taskscope-migrate', root) : undefined;
  if (refusal) {
    io.stderr.write(refusal);
    return EXIT.usage;
  }

  const progress = createProgress(io.stderr);
  let report: ReturnType<typeof runMigration>;
  try {
    report = runMigration({
      cwd: io.cwd,
      project: args.project,
      paths: args.paths,
      gitRoot: root,
      write: args.write,
      skipTests: !args.includeTests,
      transforms: configuredTransforms(args.transforms, settings),
      concurrency: args.concurrency,
      onStart: (total) => progress.start(total),
      onFile: (file, diff) => {
        progress.file(file);
        if (diff) progress.print(io.stdout, diff);
      },
    });
  } catch (error) {
    progress.done();
    io.stderr.write(`taskscope-migrate: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  progress.done();
  io.stderr.write(`${summaryText(report)}\n`);
  if (args.report) {
    const file = path.resolve(io.cwd, args.report.file);
    writeFileSync(file, args.report.format === 'json' ? jsonReport(report) : markdownReport(report));
    io.stderr.write(`Report written to ${args.report.file}\n`);
  }
  return report.summary.error > 0 ? EXIT.fileError : EXIT.ok;
}

function parseCli(argv: readonly string[]) {
  // `--report <format> <file>` takes two values, which parseArgs can't express.
  const rest = [...argv];
  let report: { format: 'json' | 'md'; file: string } | undefined;
  const at = rest.indexOf('--report');
  if (at !== -1) {
    const [format, file] = rest.splice(at, 3).slice(1);
    if ((format !== 'json' && format !== 'md') || !file) throw new Error('--report expects a format (json or md) and a file');
    report = { format, file };
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      write: { type: 'boolean', default: false },
      'allow-dirty': { type: 'boolean', default: false },
      'include-tests': { type: 'boolean', default: false },
      project: { type: 'string', short: 'p' },
      config: { type: 'string', short: 'c' },
      transforms: { type: 'string', short: 't' },
      concurrency: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  let concurrency: number | undefined;
  if (values.concurrency !== undefined) {
    concurrency = Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('--concurrency expects a positive integer');
  }
  return {
    write: values.write,
    allowDirty: values['allow-dirty'],
    includeTests: values['include-tests'],
    project: values.project,
    config: values.config,
    transforms: selectTransforms(values.transforms),
    concurrency,
    report,
    help: values.help,
    paths: positionals,
  };
}
