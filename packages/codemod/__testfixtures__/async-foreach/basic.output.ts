import { map } from 'taskscope';

declare function notify(user: string, signal?: AbortSignal): Promise<void>;

export async function notifyAll(users: string[]) {
  // forEach does not wait: this function returned before anyone was notified.
  await map(users, async (user, signal) => {
    await notify(user, signal);
  });
}
