import { all } from 'taskscope';

interface User {
  id: string;
  name: string;
}
declare function loadUser(id: string, signal?: AbortSignal): Promise<User>;
declare function loadPosts(id: string, options?: { signal?: AbortSignal }): Promise<string[]>;

export async function profile(id: string) {
  const [user, posts] = await all([
    (signal) => loadUser(id, signal),
    (signal) => loadPosts(id, { signal }),
  ]);
  return { user, posts };
}
