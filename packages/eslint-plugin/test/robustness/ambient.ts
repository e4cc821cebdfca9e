// `declare` inside an implementation file, plus module augmentation of a
// local module and `declare` class fields.
declare const config: { timeoutMs: number; endpoints: string[] };
declare function track(event: string): Promise<void>;
declare let pending: Promise<number> | undefined;
declare class RemoteQueue {
  push(job: () => Promise<void>): Promise<number>;
  drain(signal?: AbortSignal): Promise<void>;
}

declare global {
  var robustnessAmbientFlag: boolean | undefined;
}

export class Job {
  declare readonly id: string;
  declare handler: () => Promise<void>;
  done!: Promise<void>;
}

export async function run(queue: RemoteQueue, signal: AbortSignal): Promise<void> {
  track('start');
  await Promise.all(config.endpoints.map((url) => fetch(url)));
  await queue.push(async () => track('job'));
  pending ??= queue.push(() => Promise.resolve());
  await queue.drain();
  if (signal.aborted) return;
  globalThis.robustnessAmbientFlag = true;
}
