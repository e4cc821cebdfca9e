// The spawned call gets the task's signal, which the scope aborts when a
// sibling fails; the scope itself follows the caller's options.signal.
import { scope } from 'taskscope';

interface Telemetry {
  track(event: string, options?: { signal?: AbortSignal }): Promise<void>;
}

export async function handle(telemetry: Telemetry, work: () => Promise<string>, options: { signal?: AbortSignal } = {}) {
  return scope(async (s) => {
    s.spawn((signal) => telemetry.track('started', { signal }));
    const result = await work();
    s.spawn((signal) => telemetry.track('finished', { signal }));
    return result;
  }, { signal: options.signal });
}
