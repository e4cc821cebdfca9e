interface User {
  id: string;
  name: string;
}
declare function loadUser(id: string, signal?: AbortSignal): Promise<User>;
declare function loadPosts(id: string, options?: { signal?: AbortSignal }): Promise<string[]>;

export async function profile(id: string) {
  const [user, posts] = await Promise.all([loadUser(id), loadPosts(id)]);
  return { user, posts };
}
