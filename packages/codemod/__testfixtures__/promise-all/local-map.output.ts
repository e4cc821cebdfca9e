import { map as scopedMap } from 'taskscope';

declare function encode(frame: Uint8Array, signal?: AbortSignal): Promise<Uint8Array>;

// A local `map` must not be shadowed by the import.
const map = new Map<string, number>();

export async function encodeAll(frames: Uint8Array[]) {
  map.set('frames', frames.length);
  return scopedMap(frames, (frame, signal) => encode(frame, signal), { concurrency: 8 });
}
