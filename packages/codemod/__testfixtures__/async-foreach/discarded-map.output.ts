import { map } from 'taskscope';

declare function index(doc: { id: string }, options?: { signal?: AbortSignal }): Promise<void>;

export async function reindex(docs: { id: string }[]) {
  await map(docs, async (doc, signal) => index(doc, { signal }));
}
