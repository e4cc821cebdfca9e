// taskscope-migrate --concurrency 4
import { map } from 'taskscope';

declare function upload(file: string, signal?: AbortSignal): Promise<string>;

export async function uploadAll(files: string[]) {
  return map(files, (file, signal) => upload(file, signal), { concurrency: 4 });
}
