import { map } from 'taskscope';

declare function resize(url: string, width: number, signal?: AbortSignal): Promise<Blob>;

export async function thumbnails(urls: string[]): Promise<Blob[]> {
  return map(urls, (url, signal) => resize(url, 200, signal), { concurrency: 8 });
}
