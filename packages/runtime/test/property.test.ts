// Property test: random task trees (nested scopes and combinators, failures, stubborn tasks, aborts
// at random times, timeouts, concurrency limits) checked against semantics rules 1 to 5. Each tree
// runs in up to three copies at once under one foreign signal, inside up to 20 nested scopes limited
// to one task each. Waits are event-loop turns (setImmediate), and timeouts 0-3 ms, so 2,000 cases
// take a few seconds.
import { getEventListeners } from 'node:events';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { all, allSettled, any, map, race, scope, ScopeClosedError, suppressedErrors, TimeoutError, type Scope, type ScopeOptions, type TaskFn } from 'taskscope';
import { turn } from './helpers.js';

type Behaviour = 'ok' | 'fail' | 'stubborn' | 'stubbornFail' | 'abortError' | 'syncThrow' | 'syncValue';
type Combinator = 'scope' | 'all' | 'allSettled' | 'race' | 'any' | 'map';
interface Leaf {
  kind: 'leaf';
  behaviour: Behaviour;
  turns: number;
  cleanupTurns: number;
}
interface Node {
  kind: 'node';
  combinator: Combinator;
  children: Tree[];
  timeout: number | undefined;
  useDeadline: boolean;
  concurrency: number | undefined;
}
type Tree = Leaf | Node;

const { node: nodeArb } = fc.letrec<{ tree: Tree; leaf: Leaf; node: Node }>((tie) => ({
  tree: fc.oneof({ maxDepth: 3, depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('node')),
  leaf: fc.record({
    kind: fc.constant('leaf' as const),
    behaviour: fc.constantFrom<Behaviour>('ok', 'ok', 'fail', 'stubborn', 'stubbornFail', 'abortError', 'syncThrow', 'syncValue'),
    turns: fc.integer({ min: 0, max: 3 }),
    cleanupTurns: fc.integer({ min: 0, max: 2 }),
  }),
  node: fc.record({
    kind: fc.constant('node' as const),
    combinator: fc.constantFrom<Combinator>('scope', 'all', 'allSettled', 'race', 'any', 'map'),
    children: fc.array(tie('tree'), { minLength: 1, maxLength: 4 }),
    timeout: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined, freq: 3 }),
    useDeadline: fc.boolean(),
    concurrency: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  }),
}));

const SUPERVISORS: ReadonlySet<Combinator> = new Set(['allSettled', 'any']);
const COMBINATORS: Record<string, (tasks: Iterable<TaskFn<unknown>>, options?: ScopeOptions) => Promise<unknown>> = { all, allSettled, race, any };

/** Everything one run of a tree observed. */
class Run {
  seq = 0;
  /** Real errors thrown by leaves, with whether a supervisor stands between the leaf and the root. */
  readonly realErrors = new Map<Error, { supervised: boolean; seq: number }>();
  readonly problems: string[] = [];
  nodesInvoked = 0;
  taskControllers = 0;
  leavesRunning = 0;
  abortSeq = Infinity;
  abortedWhileLeafRunning = false;

  next(): number {
    return ++this.seq;
  }
  check(ok: boolean, problem: string): void {
    if (!ok) this.problems.push(problem);
  }
}

/** A task function that runs `tree`, and reports the sequence number at which it settled. */
function build(run: Run, tree: Tree, supervised: boolean, onSettled: (seq: number) => void, name?: string): (signal: AbortSignal) => unknown {
  if (tree.kind === 'leaf') return leafTask(run, tree, supervised, onSettled);
  return (signal) => {
    run.nodesInvoked++;
    let settledAt: number | undefined;
    const childSupervised = supervised || SUPERVISORS.has(tree.combinator);
    // Rule 1: no child settles after its scope did.
    const childSettled = () => run.check(settledAt === undefined, `${tree.combinator}: a child settled after its scope`);
    const tasks = tree.children.map((child) => build(run, child, childSupervised, childSettled));
    let running = 0;
    const counted = tasks.map((task) => async (s: AbortSignal) => {
      running++;
      run.check(tree.concurrency === undefined || running <= tree.concurrency, `concurrency ${tree.concurrency} exceeded`);
      try {
        return await task(s);
      } finally {
        running--;
      }
    });
    const options = {
      signal,
      name,
      concurrency: tree.concurrency,
      ...(tree.timeout === undefined ? {} : tree.useDeadline ? { deadline: Date.now() + tree.timeout } : { timeout: tree.timeout }),
    };
    let saved: Scope | undefined;
    let promise: Promise<unknown>;
    switch (tree.combinator) {
      case 'scope':
        promise = scope((s) => {
          saved = s;
          // Rule 4: spawning into a cancelling scope gives a cancelled task that never runs.
          s.signal.addEventListener('abort', () => {
            const probe = s.spawn(() => run.problems.push('a task spawned into a cancelling scope ran'));
            run.check(probe.signal.aborted, 'a task spawned into a cancelling scope is not cancelled');
          });
          for (const task of counted) {
            const spawned = s.spawn(task);
            if (spawned.signal !== s.signal) run.taskControllers++;
          }
        }, options);
        break;
      case 'map':
        promise = map(counted, (task, s) => task(s), options);
        break;
      default:
        promise = COMBINATORS[tree.combinator]!(counted, options);
    }
    promise.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      settledAt = run.next();
      // Rule 4: a closed scope refuses new tasks.
      if (saved) {
        try {
          saved.spawn(() => undefined);
          run.problems.push('spawn into a closed scope did not throw');
        } catch (error) {
          run.check(error instanceof ScopeClosedError, 'spawn into a closed scope threw the wrong error');
        }
      }
      onSettled(settledAt);
    });
    return promise;
  };
}

function leafTask(run: Run, leaf: Leaf, supervised: boolean, onSettled: (seq: number) => void) {
  const fail = () => {
    const error = new Error('leaf failure');
    run.realErrors.set(error, { supervised, seq: run.next() });
    return error;
  };
  if (leaf.behaviour === 'syncThrow') {
    return () => {
      onSettled(run.next());
      throw fail();
    };
  }
  if (leaf.behaviour === 'syncValue') {
    return () => {
      onSettled(run.next());
      return 'sync';
    };
  }
  return async (signal: AbortSignal) => {
    run.leavesRunning++;
    try {
      const stubborn = leaf.behaviour === 'stubborn' || leaf.behaviour === 'stubbornFail';
      for (let i = 0; i < leaf.turns; i++) {
        if (!stubborn && signal.aborted) throw leaf.behaviour === 'abortError' ? new DOMException('aborted', 'AbortError') : signal.reason;
        await turn();
      }
      if (!stubborn && signal.aborted) throw signal.reason;
      if (leaf.behaviour === 'fail' || leaf.behaviour === 'stubbornFail') throw fail();
      return 'value';
    } finally {
      for (let i = 0; i < leaf.cleanupTurns; i++) await turn();
      run.leavesRunning--;
      onSettled(run.next());
    }
  };
}

/**
 * `task` inside `depth` nested scopes, each limited to one task at a time, whose body awaits the
 * spawned inner level: the body must not take that slot, and cancellation must reach the bottom.
 */
function nested(run: Run, depth: number, task: (signal: AbortSignal) => unknown): (signal: AbortSignal) => unknown {
  if (depth === 0) return task;
  const inner = nested(run, depth - 1, task);
  return (signal) => {
    run.nodesInvoked++;
    return scope(
      (s) => {
        const spawned = s.spawn(inner);
        if (spawned.signal !== s.signal) run.taskControllers++;
        return spawned;
      },
      { signal, concurrency: 1 },
    );
  };
}

/** Whether `target` can be reached from `from` through suppressedErrors. */
function reachable(from: unknown, target: unknown, seen = new Set<unknown>()): boolean {
  if (from === target) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  return suppressedErrors(from).some((next) => reachable(next, target, seen));
}

function hasTimeout(tree: Tree): boolean {
  return tree.kind === 'node' && (tree.timeout !== undefined || tree.children.some(hasTimeout));
}

/** Whether an `any` below the root can fail on its own: when every one of its tasks failed, with an AggregateError. */
function hasInnerAny(tree: Tree): boolean {
  return tree.kind === 'node' && tree.children.some((child) => child.kind === 'node' && (child.combinator === 'any' || hasInnerAny(child)));
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
  process.on('warning', onWarning);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  process.off('warning', onWarning);
  vi.unstubAllGlobals();
});

it('random task trees keep rules 1-5', { timeout: 60_000 }, async () => {
  // Timers are tracked exactly through the globals (vitest keeps its own copies, so its timers
  // do not show up here).
  const liveTimers = new Set<unknown>();
  const { setTimeout: realSetTimeout, clearTimeout: realClearTimeout } = globalThis;
  vi.stubGlobal('setTimeout', ((fn: () => void, ms?: number) => {
    const handle = realSetTimeout(() => {
      liveTimers.delete(handle);
      fn();
    }, ms);
    liveTimers.add(handle);
    return handle;
  }) as typeof setTimeout);
  vi.stubGlobal('clearTimeout', ((handle: ReturnType<typeof setTimeout>) => {
    liveTimers.delete(handle);
    realClearTimeout(handle);
  }) as typeof clearTimeout);
  const Real = globalThis.AbortController;
  let controllers = 0;
  vi.stubGlobal(
    'AbortController',
    class extends Real {
      constructor() {
        super();
        controllers++;
      }
    },
  );
  await fc.assert(
    fc.asyncProperty(
      nodeArb,
      fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
      fc.integer({ min: 1, max: 3 }),
      fc.option(fc.integer({ min: 1, max: 20 }), { nil: 0, freq: 2 }),
      async (root, abortAfterTurns, copies, depth) => {
        // `copies` of the tree run at once under one foreign signal, each `depth` scopes deep.
        const external = new Real();
        const reason = { external: true };
        controllers = 0;
        const runs = Array.from({ length: copies }, () => {
          const run = new Run();
          let rootSettled: number | undefined;
          const task = nested(run, depth, build(run, root, false, (seq) => (rootSettled = seq), 'root'));
          const outcome = Promise.resolve(task(external.signal)).then(
            (value) => ({ ok: true, value }),
            (error: unknown) => ({ ok: false, value: error }),
          );
          return { run, outcome, settled: () => rootSettled !== undefined };
        });
        // However many scopes depend on it, a foreign signal gets one listener.
        expect(getEventListeners(external.signal, 'abort').length).toBeLessThanOrEqual(1);
        if (abortAfterTurns !== undefined) {
          void (async () => {
            for (let i = 0; i < abortAfterTurns; i++) await turn();
            for (const { run, settled } of runs) {
              run.abortSeq = run.next();
              run.abortedWhileLeafRunning = run.leavesRunning > 0 && !settled();
            }
            external.abort(reason);
          })();
        }
        const results = await Promise.all(runs.map(({ outcome }) => outcome));
        for (let i = 0; i < 8; i++) await turn(); // room for a straggler to show itself (and for the abort to happen)

        for (const [i, { run }] of runs.entries()) {
          const result = results[i]!;
          const unsupervised = [...run.realErrors.values()].some((e) => !e.supervised);
          // Rule 2: what rejects is a real failure, the outer reason, or a timeout; never our own cancellation.
          if (!result.ok) {
            const error = result.value;
            run.check(
              run.realErrors.has(error as Error) || error === reason || error instanceof TimeoutError || error instanceof AggregateError,
              `rejected with an unexpected value: ${String(error)}`,
            );
          }
          // Rule 2: a real failure outside any supervisor is never lost.
          for (const [error, { supervised }] of run.realErrors) {
            if (supervised) continue;
            run.check(!result.ok && reachable(result.value, error), 'a real failure is not reachable from the outcome');
          }
          // Rule 3, errors win: a real failure outside any supervisor rejects, even when a cancellation
          // of the root (its parent's, its timeout) came first. (An inner timeout is a real failure to
          // the scope above it, and may come first.)
          if (unsupervised) {
            const rootTimeout = result.value instanceof TimeoutError && result.value.message.includes('"root"');
            run.check(result.value !== reason && !rootTimeout, `a cancellation hid a real failure: ${String(result.value)}`);
          }
          // Rule 2: nothing failed, nothing was cancelled from outside, no deadline: it must succeed.
          if (run.realErrors.size === 0 && run.abortSeq === Infinity && !hasTimeout(root)) {
            run.check(result.ok, `failed with no failure: ${String(result.value)}`);
          }
          // Rule 3: cancelled from outside while running, and no real failure: rejects with the reason. An inner
          // `any` whose every task failed before the abort is a real failure to the scope above it, and wins.
          if (run.abortedWhileLeafRunning && !unsupervised && !hasTimeout(root) && !['race', 'any'].includes(root.combinator)) {
            const aggregate = result.value instanceof AggregateError ? (result.value.errors as unknown[]) : [];
            const failedFirst = [...run.realErrors].some(([error, { seq }]) => seq < run.abortSeq && aggregate.some((e) => reachable(e, error)));
            const innerAnyFailed = hasInnerAny(root) && failedFirst;
            run.check(!result.ok && (result.value === reason || innerAnyFailed), `outer abort did not reject with its reason: ${String(result.value)}`);
          }
          expect(run.problems).toEqual([]);
        }
        // Rule 5: one controller per scope (plus one per spawned task), nothing left behind.
        const expected = runs.reduce((sum, { run }) => sum + run.nodesInvoked + run.taskControllers, 0);
        expect(controllers, 'controllers: one per scope, plus one per spawned task').toBe(expected);
        expect(getEventListeners(external.signal, 'abort').length, 'listeners left on the parent signal').toBe(0);
        expect(liveTimers.size, 'timers left active').toBe(0);
      },
    ),
    { numRuns: 2_000 },
  );

  expect(unhandled).toEqual([]);
  expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
});
