declare function resize(url: string, width: number, signal?: AbortSignal): Promise<Blob>;

export async function thumbnails(urls: string[]): Promise<Blob[]> {
  return Promise.all(urls.map((url) => resize(url, 200)));
}
