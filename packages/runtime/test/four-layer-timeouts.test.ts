// The four-layer timeout example of docs/runtime.md (workflow > turn > fan-out group > tool), run
// on fake time. The doc must show examples/four-layer-timeouts.ts exactly, so what is documented
// is what is tested.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sleep, TimeoutError } from 'taskscope';
import { runAgent, type Model, type Reply, type Tool } from './examples/four-layer-timeouts.js';

const example = readFileSync(join(import.meta.dirname, 'examples/four-layer-timeouts.ts'), 'utf8');

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A tool that answers after `ms` unless its signal aborts, and tracks how many calls are running. */
function tool(ms: number, answer: string, running: { now: number; aborted: number }): Tool {
  return async (input, signal) => {
    running.now++;
    try {
      await sleep(ms, signal);
      return `${answer}(${input})`;
    } catch (error) {
      running.aborted++;
      throw error;
    } finally {
      running.now--;
    }
  };
}

/** A model that takes `ms` per call and replies with `replies[turn - 1]`; records what it saw. */
function model(ms: number, replies: Reply[], seen: string[][]): Model {
  return async (messages, signal) => {
    seen.push([...messages]);
    await sleep(ms, signal);
    return replies[Math.min(seen.length, replies.length) - 1]!;
  };
}

/** Runs `promise` to the end on fake time; resolves with its outcome and the fake time it took. */
async function settle<T>(promise: Promise<T>) {
  const outcome = promise.then(
    (value) => ({ ok: true as const, value, at: Date.now() }),
    (error: unknown) => ({ ok: false as const, error, at: Date.now() }),
  );
  await vi.runAllTimersAsync();
  return outcome;
}

describe('the four-layer timeout example', () => {
  it('is the code docs/runtime.md shows', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../../docs/runtime.md'), 'utf8');
    const block = /<!-- four-layer-timeouts\.ts -->\s*```ts\n([\s\S]*?)```/.exec(doc);
    expect(block, 'docs/runtime.md has a ```ts block after <!-- four-layer-timeouts.ts -->').not.toBeNull();
    expect(block![1]).toBe(example);
  });

  it('a tool that times out (layer 4) is reported to the model, and the turn goes on', async () => {
    const running = { now: 0, aborted: 0 };
    const seen: string[][] = [];
    const replies: Reply[] = [{ toolCalls: [{ tool: 'search', input: 'a' }, { tool: 'weather', input: 'b' }] }, { answer: 'done' }];
    const outcome = await settle(runAgent('q', model(1_000, replies, seen), { search: tool(15_000, 'S', running), weather: tool(2_000, 'W', running) }));
    expect(outcome).toEqual({ ok: true, value: 'done', at: 1_000 + 10_000 + 1_000 });
    expect(seen[1]).toEqual(['q', 'search failed: TimeoutError: Scope "search" timed out after 10000 ms', 'W(b)']);
    expect(running).toEqual({ now: 0, aborted: 1 });
  });

  it('the fan-out group (layer 3) fails the turn after 20 s, with every tool call stopped', async () => {
    const running = { now: 0, aborted: 0 };
    const calls = Array.from({ length: 9 }, (_, i) => ({ tool: 'slow', input: String(i) })); // 3 rounds of 4 × 8 s
    const outcome = await settle(runAgent('q', model(1_000, [{ toolCalls: calls }], []), { slow: tool(8_000, 'S', running) }));
    expect(outcome.ok).toBe(false);
    expect(outcome).toMatchObject({ at: 1_000 + 20_000, error: { name: 'TimeoutError', message: 'Scope "tool calls" timed out after 20000 ms' } });
    expect(running).toEqual({ now: 0, aborted: 1 }); // the 9th call, running when the group gave up
  });

  it('a turn (layer 2) fails after 30 s', async () => {
    const outcome = await settle(runAgent('q', model(45_000, [{ answer: 'late' }], []), {}));
    expect(outcome).toMatchObject({ ok: false, at: 30_000, error: { message: 'Scope "turn 1" timed out after 30000 ms' } });
  });

  it('the workflow (layer 1) ends at 120 s, cutting short a turn that had time left of its own', async () => {
    const seen: string[][] = [];
    const running = { now: 0, aborted: 0 };
    // Every turn: 25 s of model, then a 1 s tool. Turn 5 starts at 104 s; its own 30 s would end at 134 s.
    const outcome = await settle(runAgent('q', model(25_000, [{ toolCalls: [{ tool: 't', input: 'x' }] }], seen), { t: tool(1_000, 'T', running) }));
    expect(outcome).toMatchObject({ ok: false, at: 120_000, error: { message: 'Scope "workflow" timed out after 120000 ms' } });
    expect((outcome as { error: unknown }).error).toBeInstanceOf(TimeoutError);
    expect(seen).toHaveLength(5);
  });

  it('cancelling the caller’s signal stops every layer', async () => {
    const controller = new AbortController();
    const running = { now: 0, aborted: 0 };
    setTimeout(() => controller.abort('user left'), 1_500);
    const calls = [{ tool: 't', input: '1' }, { tool: 't', input: '2' }];
    const outcome = await settle(runAgent('q', model(1_000, [{ toolCalls: calls }], []), { t: tool(5_000, 'T', running) }, controller.signal));
    expect(outcome).toEqual({ ok: false, error: 'user left', at: 1_500 });
    expect(running).toEqual({ now: 0, aborted: 2 });
  });
});
