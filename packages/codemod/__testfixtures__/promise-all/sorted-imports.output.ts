// A file that keeps its package imports sorted (as import-sorting lint rules require) gets the
// taskscope import in its place among them, not after the last import.
import { limit } from 'p-limit';
import { all } from 'taskscope';
import { z } from 'zod';

declare function embed(id: string, signal?: AbortSignal): Promise<string>;

export async function loadPair(a: string, b: string) {
  const [first, second] = await all([
    (signal) => embed(a, signal),
    (signal) => embed(b, signal),
  ]);
  return limit(1)(async () => z.string().parse(first + second));
}
