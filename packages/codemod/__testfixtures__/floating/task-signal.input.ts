// The spawned call gets the task's signal, which the scope aborts when a
// sibling fails; the scope itself follows the caller's options.signal.
interface Telemetry {
  track(event: string, options?: { signal?: AbortSignal }): Promise<void>;
}

export async function handle(telemetry: Telemetry, work: () => Promise<string>, options: { signal?: AbortSignal } = {}) {
  telemetry.track('started');
  const result = await work();
  void telemetry.track('finished', {});
  return result;
}
