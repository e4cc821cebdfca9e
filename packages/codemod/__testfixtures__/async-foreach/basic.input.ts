declare function notify(user: string, signal?: AbortSignal): Promise<void>;

export async function notifyAll(users: string[]) {
  // forEach does not wait: this function returned before anyone was notified.
  users.forEach(async (user) => {
    await notify(user);
  });
}
