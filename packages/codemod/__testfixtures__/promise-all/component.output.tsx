import { all } from 'taskscope';

declare function loadAvatar(id: string, signal?: AbortSignal): Promise<string>;
declare function loadBadge(id: string, signal?: AbortSignal): Promise<string>;

export async function Avatar({ id }: { id: string }) {
  const [src, badge] = await all([
    (signal) => loadAvatar(id, signal),
    (signal) => loadBadge(id, signal),
  ]);
  return (
    <figure>
      <img src={src} />
      <figcaption>{badge}</figcaption>
    </figure>
  );
}
