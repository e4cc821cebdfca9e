// Nobody reads the rejections, and the work takes no AbortSignal: no rewrite (it would cancel
// nothing), but the marker about the unchecked results stays.
declare function notify(user: string): Promise<void>;

export async function notifyAll(users: string[]) {
  await Promise.allSettled(users.map((user) => notify(user)));
}
