import { allSettled, scope } from 'taskscope';

declare function track(event: string): Promise<void>;
declare function runHook(name: string, signal?: AbortSignal): Promise<void>;

export async function publish(hooks: string[]) {
  return scope(async (s) => {
    s.spawn(() => track('publish.started'));
    // Hooks are best effort.
    /* taskscope-migrate: allSettled results are never checked for rejections */
    await allSettled(hooks.map((name) => (signal) => runHook(name, signal)), { signal: s.signal });
  });
}
