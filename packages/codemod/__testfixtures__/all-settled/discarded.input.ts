declare function notifyEmail(user: string, signal?: AbortSignal): Promise<void>;
declare function notifyPush(user: string, signal?: AbortSignal): Promise<void>;

export async function notify(user: string) {
  // Best effort: failures are swallowed today.
  await Promise.allSettled([notifyEmail(user), notifyPush(user)]);
}
