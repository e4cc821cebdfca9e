import { map } from 'taskscope';

declare function index(doc: { id: string }): Promise<void>;

export async function reindex(docs: { id: string }[]) {
  await map(docs, async (doc) => index(doc));
}
