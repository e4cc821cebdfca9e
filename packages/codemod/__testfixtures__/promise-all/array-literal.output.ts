import { all } from 'taskscope';

interface User {
  id: string;
  name: string;
}
declare function enrichUser(id: string, signal?: AbortSignal): Promise<User>;
declare function summarizePosts(id: string, options?: { signal?: AbortSignal }): Promise<string[]>;

export async function profile(id: string) {
  const [user, posts] = await all([
    (signal) => enrichUser(id, signal),
    (signal) => summarizePosts(id, { signal }),
  ]);
  return { user, posts };
}
