// taskscope/inspect, imported from the source (the vitest aliases map only `taskscope` and
// `taskscope/context`; exports.test.ts loads it through the built package). Importing it installs
// the observer for this test file only: vitest isolates test files. Time is fake, so durations are exact.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { all, hedge, map, scope, sleep, supervisor, withTimeout } from 'taskscope';
import { renderTaskTree, taskTree, type TaskNode } from '../src/inspect.js';
import { CustomError } from './helpers.js';

const NAMES = ['scope:start', 'scope:cancel', 'scope:settle', 'task:start', 'task:cancel', 'task:settle'];

/** Collects every message published on the six channels while `fn` runs, as [channel, message]. */
async function record(fn: () => Promise<unknown>): Promise<[string, Record<string, unknown>][]> {
  const seen: [string, Record<string, unknown>][] = [];
  const listeners = NAMES.map((name) => [`taskscope:${name}`, (message: unknown) => seen.push([name, message as Record<string, unknown>])] as const);
  for (const [name, listener] of listeners) subscribe(name, listener);
  try {
    await fn();
  } finally {
    for (const [name, listener] of listeners) unsubscribe(name, listener);
  }
  return seen;
}

/** Only what identifies a node and its place, for comparing trees. */
const shape = (nodes: TaskNode[]): unknown => nodes.map((n) => ({ kind: n.kind, name: n.name, state: n.state, children: shape(n.children) }));

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('taskTree', () => {
  it('shows the live scopes and tasks: which scope runs what, nested where they were opened', async () => {
    let seen: TaskNode[] = [];
    let text = '';
    const run = scope(
      async (s) => {
        s.spawn((signal) => all([(inner) => sleep(500, inner), () => sleep(60_000, signal)], { signal, name: 'tools' }));
        await sleep(100);
        seen = taskTree();
        text = renderTaskTree();
        s.cancel();
      },
      { name: 'turn', timeout: 1_000 },
    );
    await vi.advanceTimersByTimeAsync(100);
    await run;
    expect(shape(seen)).toEqual([
      {
        kind: 'scope',
        name: 'turn',
        state: 'running',
        children: [
          { kind: 'task', name: 'body', state: 'running', children: [] },
          {
            kind: 'task',
            name: 'spawn',
            state: 'running',
            children: [
              {
                kind: 'all',
                name: 'tools',
                state: 'running',
                children: [
                  { kind: 'task', name: 'task 0', state: 'running', children: [] },
                  { kind: 'task', name: 'task 1', state: 'running', children: [] },
                ],
              },
            ],
          },
        ],
      },
    ]);
    expect(text.replace(/#\d+/g, '#n')).toBe(
      [
        'scope "turn" #n running for 100 ms, deadline in 900 ms',
        '├─ body #n running for 100 ms',
        '└─ spawn #n running for 100 ms',
        '   └─ all "tools" #n running for 100 ms, deadline in 900 ms',
        '      ├─ task 0 #n running for 100 ms',
        '      └─ task 1 #n running for 100 ms',
      ].join('\n'),
    );
    expect(taskTree()).toEqual([]); // everything settled: nothing is left in the tree
  });

  it('shows who is still running after being cancelled, and why', async () => {
    let text = '';
    let node: TaskNode | undefined;
    const stubborn = () => new Promise((resolve) => setTimeout(resolve, 5_000)); // ignores its signal
    const run = withTimeout(200, stubborn, { name: 'fetch' }).catch((error: unknown) => error);
    setTimeout(() => {
      [node] = taskTree();
      text = renderTaskTree();
    }, 1_200);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await run).toMatchObject({ name: 'TimeoutError' });
    expect(node).toMatchObject({ kind: 'withTimeout', state: 'cancelling', elapsed: 1_200, cancel: { elapsed: 1_000 } });
    expect(text.replace(/#\d+/g, '#n')).toBe(
      [
        'withTimeout "fetch" #n cancelling for 1.2 s, cancelled 1.0 s ago: TimeoutError: Scope "fetch" timed out after 200 ms, deadline passed 1.0 s ago',
        '└─ task 0 #n cancelling for 1.2 s, cancelled 1.0 s ago: TimeoutError: Scope "fetch" timed out after 200 ms',
      ].join('\n'),
    );
  });

  it('counts the tasks of a scope that settled, and those that failed', async () => {
    let node: TaskNode | undefined;
    const run = scope(async (s) => {
      s.spawn(() => 'done');
      s.spawn(async () => {
        throw new CustomError('x');
      }).then(undefined, () => undefined);
      await Promise.resolve();
      [node] = taskTree();
    }).catch(() => undefined);
    await vi.runAllTimersAsync();
    await run;
    expect(node?.settled).toEqual({ count: 2, failed: 1 });
  });

  it('names hedge attempts, map tasks and map\'s reading of its input by their place', async () => {
    let names: unknown;
    const run = hedge(
      (signal, attempt) => {
        if (attempt === 2) names = taskTree().map((n) => [n.kind, n.children.map((c) => c.name)]);
        return sleep(attempt === 2 ? 0 : 1_000, signal);
      },
      { delay: 10 },
    );
    await vi.advanceTimersByTimeAsync(20);
    await run;
    expect(names).toEqual([['hedge', ['attempt 1', 'attempt 2']]]);
    const inMap = map([1, 2], async () => taskTree()[0]!.children.map((c) => c.name));
    expect((await inMap)[1]).toEqual(['input', 'task 0', 'task 1']);
  });

  it('shows a spawned task by its name, in the tree and on the channel', async () => {
    let names: unknown;
    const messages = await record(async () => {
      const run = supervisor(async (s) => {
        s.spawn((signal) => sleep(100, signal), { name: 'indexer' });
        s.spawn((signal) => sleep(100, signal));
        await Promise.resolve();
        names = taskTree().map((n) => [n.kind, n.children.map((c) => c.name)]);
      });
      await vi.advanceTimersByTimeAsync(100);
      await run;
    });
    expect(names).toEqual([['supervisor', ['body', 'indexer', 'spawn']]]);
    expect(messages.filter(([channel]) => channel === 'task:start').map(([, message]) => message.name)).toEqual(['body', 'indexer', 'spawn']);
  });

  it('moves a scope that outlives the task it was opened in (nobody awaited it) up to that task’s scope', async () => {
    let inner: Promise<unknown> | undefined;
    let after: unknown;
    const outer = scope(async (s) => {
      await s.spawn(async (signal) => {
        // Linked to the task's signal, but not awaited: the task settles first.
        inner = all([() => sleep(100)], { signal, name: 'floating' });
      });
      after = shape(taskTree());
    });
    await outer;
    expect(after).toEqual([
      {
        kind: 'scope',
        name: undefined,
        state: 'running',
        children: [
          { kind: 'task', name: 'body', state: 'running', children: [] },
          { kind: 'all', name: 'floating', state: 'running', children: [{ kind: 'task', name: 'task 0', state: 'running', children: [] }] },
        ],
      },
    ]);
    await vi.runAllTimersAsync();
    await inner;
    expect(taskTree()).toEqual([]);
  });
});

describe('diagnostics_channel', () => {
  it('publishes start, cancel and settle of scopes and tasks, with their parents', async () => {
    const boom = new CustomError('boom');
    const messages = await record(async () => {
      const run = scope(
        async (s) => {
          s.spawn((signal) => sleep(1_000, signal));
          await all([() => Promise.reject(boom)], { signal: s.signal, name: 'fan-out' });
        },
        { name: 'job' },
      ).catch(() => undefined);
      await vi.runAllTimersAsync();
      await run;
    });
    const ids = new Map<unknown, string>();
    const named = messages.map(([channel, message]) => {
      if (channel.endsWith(':start')) ids.set(message.id, `${String(message.kind)}:${String(message.name)}`);
      const { id, parent, ...rest } = message;
      return [channel, ids.get(id), parent === undefined ? undefined : ids.get(parent), rest] as const;
    });
    const failed = (reason: unknown) => ({ ok: false, error: reason, cancelled: false });
    const aborted = expect.objectContaining({ name: 'AbortError' });
    expect(named).toEqual([
      ['scope:start', 'scope:job', undefined, { kind: 'scope', name: 'job', deadline: undefined }],
      ['task:start', 'task:body', 'scope:job', { kind: 'task', name: 'body', deadline: undefined }],
      ['task:start', 'task:spawn', 'scope:job', { kind: 'task', name: 'spawn', deadline: undefined }],
      ['scope:start', 'all:fan-out', 'scope:job', { kind: 'all', name: 'fan-out', deadline: undefined }],
      ['task:start', 'task:task 0', 'all:fan-out', { kind: 'task', name: 'task 0', deadline: undefined }],
      // A failure cancels the scope first; then the failed task is reported settled.
      ['scope:cancel', 'all:fan-out', undefined, { reason: aborted }],
      ['task:settle', 'task:task 0', undefined, failed(boom)],
      ['scope:settle', 'all:fan-out', undefined, failed(boom)],
      ['scope:cancel', 'scope:job', undefined, { reason: aborted }],
      ['task:cancel', 'task:spawn', undefined, { reason: aborted }],
      ['task:settle', 'task:body', undefined, failed(boom)],
      ['task:settle', 'task:spawn', undefined, { ok: false, error: aborted, cancelled: true }],
      ['scope:settle', 'scope:job', undefined, failed(boom)],
    ]);
  });
});
