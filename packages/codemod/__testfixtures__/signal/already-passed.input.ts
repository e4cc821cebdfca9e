declare function download(url: string, signal?: AbortSignal): Promise<ArrayBuffer>;

export async function both(url: string, signal: AbortSignal) {
  const a = await download(url, signal);
  const b = await fetch(url, { signal });
  return [a, b] as const;
}
