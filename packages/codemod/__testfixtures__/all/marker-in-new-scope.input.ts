declare function track(event: string, signal?: AbortSignal): Promise<void>;
declare function runHook(name: string, signal?: AbortSignal): Promise<void>;

export async function publish(hooks: string[]) {
  track('publish.started');
  // Hooks are best effort.
  await Promise.allSettled(hooks.map((name) => runHook(name)));
}
