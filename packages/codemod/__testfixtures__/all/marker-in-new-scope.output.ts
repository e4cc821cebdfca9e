import { allSettled, scope } from 'taskscope';

declare function track(event: string, signal?: AbortSignal): Promise<void>;
declare function runHook(name: string, signal?: AbortSignal): Promise<void>;

export async function publish(hooks: string[]) {
  return scope(async (s) => {
    s.spawn((signal) => track('publish.started', signal));
    // Hooks are best effort.
    /* taskscope-migrate: allSettled results are never checked for rejections */
    await allSettled(hooks.map((name) => (signal: AbortSignal) => runHook(name, signal)), { signal: s.signal });
  });
}
