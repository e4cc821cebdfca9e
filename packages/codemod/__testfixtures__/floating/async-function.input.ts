declare function audit(doc: string, signal?: AbortSignal): Promise<void>;
declare function store(doc: string): Promise<void>;

export async function save(doc: string) {
  audit(doc); // fire and forget, today
  await store(doc);
}
