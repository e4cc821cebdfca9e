import type { API, FileInfo, Options } from 'jscodeshift';

import { core } from './compiler.js';
import { MAX_ROUNDS, type Migrator, createMigrator, nextRound } from './engine.js';
import { selectTransforms } from './transforms/index.js';

/**
 * jscodeshift entry: the same rewrites as `taskscope-migrate`, in syntactic
 * mode (no type checker, each detector's documented fallback). jscodeshift's
 * own parser is never used; the text is parsed with TypeScript and the
 * engine's output returned as is. Options: `--transforms=a,b`, `--concurrency=N`.
 */
export default function transform(file: FileInfo, api: API, options: Options): string {
  const migrator = migratorFor(options);
  let round = migrator.migrate(core.parseSourceFile(file.path, file.source), undefined);
  let result = round;
  // As in the CLI, a round's text may need another (deferred fixes, new scopes).
  for (let n = 2; migrator.another(round) && n <= MAX_ROUNDS; n++) {
    round = migrator.migrate(core.parseSourceFile(file.path, result.text), undefined);
    result = nextRound(result, round);
  }
  for (const [id, count] of Object.entries(result.counts)) {
    if (count.rewritten) api.stats(id, count.rewritten);
    if (count.marked) api.stats(`${id} marker`, count.marked);
  }
  return result.text;
}

/** jscodeshift reads this; irrelevant to the rewrite, which parses with TypeScript. */
export const parser = 'tsx';

// jscodeshift calls the transform once per file with the same options.
const migrators = new Map<string, Migrator>();

function migratorFor(options: Options): Migrator {
  const transforms = typeof options['transforms'] === 'string' ? options['transforms'] : undefined;
  const concurrency = options['concurrency'] === undefined ? undefined : Number(options['concurrency']);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) {
    throw new Error('--concurrency expects a positive integer');
  }
  const key = `${transforms}|${concurrency}`;
  let migrator = migrators.get(key);
  if (!migrator) migrators.set(key, (migrator = createMigrator(selectTransforms(transforms), { concurrency })));
  return migrator;
}
