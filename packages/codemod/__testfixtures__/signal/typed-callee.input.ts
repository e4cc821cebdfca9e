declare function download(url: string, signal?: AbortSignal): Promise<ArrayBuffer>;

export async function mirror(urls: string[], signal: AbortSignal) {
  const buffers: ArrayBuffer[] = [];
  for (const url of urls) buffers.push(await download(url));
  return buffers;
}
