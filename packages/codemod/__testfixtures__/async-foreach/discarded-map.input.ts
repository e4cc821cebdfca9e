declare function index(doc: { id: string }, options?: { signal?: AbortSignal }): Promise<void>;

export async function reindex(docs: { id: string }[]) {
  docs.map(async (doc) => index(doc));
}
