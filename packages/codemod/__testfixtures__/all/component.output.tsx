import { all, scope } from 'taskscope';

declare function loadUser(id: string, signal?: AbortSignal): Promise<{ name: string }>;
declare function loadAvatar(id: string, signal?: AbortSignal): Promise<string>;
declare function logView(id: string, signal?: AbortSignal): Promise<void>;

export async function Profile({ id }: { id: string }) {
  return scope(async (s) => {
    s.spawn((signal) => logView(id, signal));
    const [user, avatar] = await all([
      (signal) => loadUser(id, signal),
      (signal) => loadAvatar(id, signal),
    ], { signal: s.signal });
    return <img alt={user.name} src={avatar} />;
  });
}
