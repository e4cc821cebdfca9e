// Nobody reads the rejections, and the work takes no AbortSignal: no rewrite (it would cancel
// nothing), but the marker about the unchecked results stays.
declare function notify(user: string): Promise<void>;

export async function notifyAll(users: string[]) {
  /* taskscope-migrate: allSettled results are never checked for rejections */
  await Promise.allSettled(users.map((user) => notify(user)));
}
