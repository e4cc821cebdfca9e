// taskscope-migrate --concurrency 4
declare function upload(file: string, signal?: AbortSignal): Promise<string>;

export async function uploadAll(files: string[]) {
  return Promise.all(files.map((file) => upload(file)));
}
