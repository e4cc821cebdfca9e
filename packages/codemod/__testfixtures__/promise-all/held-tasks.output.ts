// Tasks held in a const right before the fan-out become thunks where they are. Nothing gives
// them a contextual type there, so each declares `signal: AbortSignal`.
import { all } from 'taskscope';

declare function embed(text: string, signal?: AbortSignal): Promise<number[]>;

export async function embedPair(question: string, answer: string) {
  const tasks = [
    (signal: AbortSignal) => embed(question, signal),
    (signal: AbortSignal) => embed(answer, signal),
  ];
  const [q, a] = await all(tasks);
  return { q, a };
}
