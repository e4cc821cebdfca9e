import { all, map } from 'taskscope';

declare function thumbnail(id: string, signal?: AbortSignal): Promise<Blob>;
declare function metadata(id: string, signal?: AbortSignal): Promise<object>;

export async function gallery(ids: string[]) {
  const thumbs = await map(ids, (id, signal) => thumbnail(id));
  const [meta] = await all([() => metadata(ids[0]!)]);
  return { thumbs, meta };
}
