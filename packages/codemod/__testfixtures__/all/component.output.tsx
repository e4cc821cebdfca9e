import { all, scope } from 'taskscope';

declare function renderProfile(id: string, signal?: AbortSignal): Promise<{ name: string }>;
declare function generateAvatar(id: string, signal?: AbortSignal): Promise<string>;
declare function logView(id: string, signal?: AbortSignal): Promise<void>;

export async function Profile({ id }: { id: string }) {
  return scope(async (s) => {
    s.spawn((signal) => logView(id, signal));
    const [user, avatar] = await all([
      (signal) => renderProfile(id, signal),
      (signal) => generateAvatar(id, signal),
    ], { signal: s.signal });
    return <img alt={user.name} src={avatar} />;
  });
}
