// A file that keeps its package imports sorted (as import-sorting lint rules require) gets the
// taskscope import in its place among them, not after the last import.
import { limit } from 'p-limit';
import { z } from 'zod';

declare function embed(id: string, signal?: AbortSignal): Promise<string>;

export async function loadPair(a: string, b: string) {
  const [first, second] = await Promise.all([embed(a), embed(b)]);
  return limit(1)(async () => z.string().parse(first + second));
}
