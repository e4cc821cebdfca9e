// Fan-outs whose siblings keep running after one of them fails.
interface User {
  id: string;
  name: string;
}

async function enrichUser(id: string, signal?: AbortSignal): Promise<User> {
  const response = await fetch(`https://api.example.com/users/${id}`, { signal });
  return (await response.json()) as User;
}

async function summarizeOrders(userId: string, options: { signal?: AbortSignal } = {}): Promise<string[]> {
  const response = await fetch(`https://api.example.com/users/${userId}/orders`, options);
  return (await response.json()) as string[];
}

export async function dashboard(userId: string): Promise<{ user: User; orders: string[] }> {
  const [user, orders] = await Promise.all([enrichUser(userId), summarizeOrders(userId)]);
  return { user, orders };
}

export async function team(ids: readonly string[]): Promise<User[]> {
  return Promise.all(ids.map((id) => enrichUser(id)));
}

export async function teamNames(ids: readonly string[]): Promise<string[]> {
  return Promise.all(
    ids.map(async (id) => {
      const user = await enrichUser(id);
      return user.name;
    }),
  );
}

export async function anyMirror(path: string): Promise<Response> {
  return Promise.any([fetch(`https://eu.example.com${path}`), fetch(`https://us.example.com${path}`)]);
}

export async function fromIterable(ids: Set<string>): Promise<User[]> {
  return Promise.all(Array.from(ids, (id) => enrichUser(id)));
}

export async function profile(userId: string): Promise<(User | string[])[]> {
  const pending = [enrichUser(userId), summarizeOrders(userId)];
  return Promise.all(pending);
}
