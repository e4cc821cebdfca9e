// Migrated code run before and after, across files: the rewrite keeps what callers in other files
// rely on (the error's class, message and fields) and adds the cancellation (the work is aborted).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { describe, expect, it } from 'vitest';

import { runMigration, transforms } from '../src/index.js';
import { tempProject } from './temp-project.js';

// The database stand-in: a query that takes 10 s unless its signal aborts it, and says which it did.
const db = `export const aborted: string[] = [];
export function query(sql: string, options: { signal?: AbortSignal } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(42), 10_000);
    timer.unref?.();
    options.signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      aborted.push(sql);
      reject(options.signal!.reason);
    }, { once: true });
  });
}
`;

// An exported timeout helper with its own error class; the caller, in another file, checks its
// class and its field.
const timeout = `import { query } from './db.js';

export class TimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(\`timed out after \${timeoutMs} ms\`);
  }
}

export async function countRows(table: string, ms: number): Promise<number> {
  return Promise.race([
    query(\`select count(*) from \${table}\`),
    new Promise<never>((_, reject) => setTimeout(() => reject(new TimeoutError(ms)), ms)),
  ]);
}
`;

const caller = `import { TimeoutError, countRows } from './timeout.js';

export async function rows(table: string): Promise<number | string> {
  try {
    return await countRows(table, 20);
  } catch (error) {
    if (error instanceof TimeoutError && error.timeoutMs === 20) return \`\${error.message} (\${error.constructor.name})\`;
    throw error;
  }
}
`;

async function runRows(dir: string) {
  const load = async <T>(name: string) => (await import(pathToFileURL(path.join(dir, 'src', name)).href)) as T;
  const { rows } = await load<{ rows: (table: string) => Promise<number | string> }>('caller.ts');
  const result = await rows('orders');
  const { aborted } = await load<{ aborted: string[] }>('db.ts');
  return { result, aborted };
}

describe('a migrated timeout helper, run with its caller in another file', () => {
  it('keeps the error the caller checks and now aborts the query', async () => {
    const project = () =>
      tempProject({
        'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', lib: ['es2023', 'dom'], module: 'esnext', moduleResolution: 'bundler' }, include: ['src'] }),
        'src/db.ts': db,
        'src/timeout.ts': timeout,
        'src/caller.ts': caller,
      });
    // Two copies, since a module once imported stays cached: one as written, one migrated.
    expect(await runRows(project())).toEqual({ result: 'timed out after 20 ms (TimeoutError)', aborted: [] });

    const dir = project();
    const report = runMigration({ cwd: dir, write: true, transforms });
    expect(report.files.find((f) => f.path === path.join('src', 'timeout.ts'))?.rewrites).toEqual([{ transform: 'race', line: 10, delivers: true }]);
    expect(readFileSync(path.join(dir, 'src', 'caller.ts'), 'utf8')).toBe(caller);
    expect(await runRows(dir)).toEqual({ result: 'timed out after 20 ms (TimeoutError)', aborted: ['select count(*) from orders'] });
  });
});
