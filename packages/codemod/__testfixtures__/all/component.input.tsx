declare function renderProfile(id: string, signal?: AbortSignal): Promise<{ name: string }>;
declare function generateAvatar(id: string, signal?: AbortSignal): Promise<string>;
declare function logView(id: string, signal?: AbortSignal): Promise<void>;

export async function Profile({ id }: { id: string }) {
  logView(id);
  const [user, avatar] = await Promise.all([renderProfile(id), generateAvatar(id)]);
  return <img alt={user.name} src={avatar} />;
}
