import { scope } from 'taskscope';

declare function audit(doc: string, signal?: AbortSignal): Promise<void>;
declare function store(doc: string): Promise<void>;

export async function save(doc: string) {
  return scope(async (s) => {
    s.spawn((signal) => audit(doc, signal)); // fire and forget, today
    await store(doc);
  });
}
