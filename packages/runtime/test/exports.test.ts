// The published shape: ESM and CJS through the exports map, with types. Runs against dist/, which
// `pnpm build` produces before the tests run (building here would cost the test budget).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const pkg = join(import.meta.dirname, '..');
const dist = join(pkg, 'dist');
const API = ['all', 'allSettled', 'any', 'hedge', 'limiter', 'map', 'moveOnAfter', 'openScope', 'race', 'retry', 'scope', 'ScopeClosedError', 'sleep', 'supervisor', 'suppressedErrors', 'TimeoutError', 'withTimeout'];

let consumer: string;

beforeAll(() => {
  if (!existsSync(join(dist, 'esm/index.js')) || !existsSync(join(dist, 'cjs/index.js'))) {
    throw new Error('packages/runtime/dist is missing: run `pnpm build` (or `npx tsc -b packages/runtime && node packages/runtime/scripts/build-cjs.mjs`) first');
  }
  // A consumer project that depends on `taskscope`, so resolution goes through the exports map.
  consumer = mkdtempSync(join(tmpdir(), 'taskscope-consumer-'));
  mkdirSync(join(consumer, 'node_modules'));
  symlinkSync(pkg, join(consumer, 'node_modules/taskscope'), 'dir');
});

afterAll(() => {
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

function runNode(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: consumer, encoding: 'utf8' }).trim();
}

const check = `
  const names = Object.keys(t).sort().join();
  const result = await t.all([() => 1, async (signal) => signal instanceof AbortSignal]);
  const signal = await t.scope(() => c.currentSignal());
  const kinds = [];
  dc.subscribe('taskscope:scope:start', (message) => kinds.push(message.kind));
  const tree = await t.scope(() => i.renderTaskTree(), { name: 'probe' });
  await t.hedge(() => 'first', { delay: 10 });
  const inspect = { tree: tree.split('\\n'), kinds, after: i.taskTree() };
  console.log(JSON.stringify({ names, result, context: signal instanceof AbortSignal, inspect }));
`;
const expected = {
  names: [...API].sort().join(),
  result: [1, true],
  context: true,
  inspect: { tree: [expect.stringMatching(/^scope "probe" #\d+ running for/), expect.stringMatching(/^└─ body #\d+ running for/)], kinds: ['scope', 'hedge'], after: [] },
};

describe('package exports', () => {
  it('require("taskscope"), require("taskscope/context") and require("taskscope/inspect") work', () => {
    const load = `const t = require('taskscope'); const c = require('taskscope/context'); const i = require('taskscope/inspect'); const dc = require('node:diagnostics_channel');`;
    const out = runNode(['-e', `(async () => { ${load} ${check} })()`]);
    expect(JSON.parse(out)).toEqual(expected);
  });

  it('import("taskscope"), import("taskscope/context") and import("taskscope/inspect") work', () => {
    const load = `const t = await import('taskscope'); const c = await import('taskscope/context'); const i = await import('taskscope/inspect'); const dc = await import('node:diagnostics_channel');`;
    const out = runNode(['--input-type=module', '-e', `${load} ${check}`]);
    expect(JSON.parse(out)).toEqual(expected);
  });

  it('ships .d.ts files for both formats', () => {
    for (const format of ['esm', 'cjs']) {
      expect(readFileSync(join(dist, format, 'index.d.ts'), 'utf8')).toContain('export');
      expect(existsSync(join(dist, format, 'context.d.ts'))).toBe(true);
      expect(existsSync(join(dist, format, 'inspect.d.ts'))).toBe(true);
    }
  });

  it('keeps the main entry free of Node built-ins (browser-safe); only context and inspect use one', () => {
    const withNode = readdirSync(join(dist, 'esm'))
      .filter((file) => file.endsWith('.js'))
      .filter((file) => /from ['"]node:/.test(readFileSync(join(dist, 'esm', file), 'utf8')));
    expect(withNode).toEqual(['context.js', 'inspect.js']);
  });

  it('declares no runtime dependencies', () => {
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies).toBeUndefined();
  });
});
