import { any } from 'taskscope';

declare function fromMirror(mirror: string, path: string, signal?: AbortSignal): Promise<ArrayBuffer>;

export function download(path: string): Promise<ArrayBuffer> {
  return any([
    (signal) => fromMirror('eu', path, signal),
    (signal) => fromMirror('us', path, signal),
  ]);
}
