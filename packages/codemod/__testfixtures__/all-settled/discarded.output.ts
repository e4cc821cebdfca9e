import { allSettled } from 'taskscope';

declare function notifyEmail(user: string, signal?: AbortSignal): Promise<void>;
declare function notifyPush(user: string, signal?: AbortSignal): Promise<void>;

export async function notify(user: string) {
  // Best effort: failures are swallowed today.
  /* taskscope-migrate: allSettled results are never checked for rejections */
  await allSettled([
    (signal) => notifyEmail(user, signal),
    (signal) => notifyPush(user, signal),
  ]);
}
