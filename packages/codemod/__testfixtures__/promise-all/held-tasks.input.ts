// Tasks held in a const right before the fan-out become thunks where they are. Nothing gives
// them a contextual type there, so each declares `signal: AbortSignal`.
declare function embed(text: string, signal?: AbortSignal): Promise<number[]>;

export async function embedPair(question: string, answer: string) {
  const tasks = [embed(question), embed(answer)];
  const [q, a] = await Promise.all(tasks);
  return { q, a };
}
