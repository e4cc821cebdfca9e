interface User {
  id: string;
  name: string;
}
declare function enrichUser(id: string, signal?: AbortSignal): Promise<User>;
declare function summarizePosts(id: string, options?: { signal?: AbortSignal }): Promise<string[]>;

export async function profile(id: string) {
  const [user, posts] = await Promise.all([enrichUser(id), summarizePosts(id)]);
  return { user, posts };
}
