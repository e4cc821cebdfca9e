import { all, map } from 'taskscope';

declare function thumbnail(id: string, signal?: AbortSignal): Promise<Blob>;
declare function metadata(id: string, signal?: AbortSignal): Promise<object>;

export async function gallery(ids: string[]) {
  const thumbs = await map(ids, (id, signal) => thumbnail(id, signal));
  const [meta] = await all([(signal) => metadata(ids[0]!, signal)]);
  return { thumbs, meta };
}
