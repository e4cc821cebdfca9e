declare function fromMirror(mirror: string, path: string, signal?: AbortSignal): Promise<ArrayBuffer>;

export function download(path: string): Promise<ArrayBuffer> {
  return Promise.any([fromMirror('eu', path), fromMirror('us', path)]);
}
