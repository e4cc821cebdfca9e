import { allSettled, withTimeout } from 'taskscope';

export type Reply = { answer: string } | { toolCalls: { tool: string; input: string }[] };
export type Model = (messages: readonly string[], signal: AbortSignal) => Promise<Reply>;
export type Tool = (input: string, signal: AbortSignal) => Promise<string>;

/**
 * An agent loop: the model answers, or asks for tool calls whose results go back to it. There is
 * a timeout at each of four layers; an inner one never outlasts an outer one.
 */
export function runAgent(question: string, model: Model, tools: Record<string, Tool>, signal?: AbortSignal): Promise<string> {
  // 1. The workflow: two minutes in all, however many turns it takes.
  return withTimeout(
    120_000,
    async (workflow) => {
      const messages = [question];
      for (let turn = 1; ; turn++) {
        // 2. A turn, one model call and the tool calls it asks for: 30 s.
        const answer = await withTimeout(
          30_000,
          async (turnSignal) => {
            const reply = await model(messages, turnSignal);
            if ('answer' in reply) return reply.answer;
            // 3. The fan-out group, the turn's tool calls, 4 at a time: 20 s for all of them, or the turn fails.
            const results = await allSettled(
              reply.toolCalls.map(({ tool, input }) => (group: AbortSignal) =>
                // 4. One tool call: 10 s. Its failure or timeout goes back to the model as a result.
                withTimeout(10_000, (call) => tools[tool]!(input, call), { signal: group, name: tool }),
              ),
              { signal: turnSignal, timeout: 20_000, concurrency: 4, name: 'tool calls' },
            );
            for (const [i, result] of results.entries()) {
              messages.push(result.status === 'fulfilled' ? result.value : `${reply.toolCalls[i]!.tool} failed: ${String(result.reason)}`);
            }
            return undefined;
          },
          { signal: workflow, name: `turn ${turn}` },
        );
        if (answer !== undefined) return answer;
      }
    },
    { signal, name: 'workflow' },
  );
}
