import { all } from 'taskscope';

declare function renderAvatar(id: string, signal?: AbortSignal): Promise<string>;
declare function renderBadge(id: string, signal?: AbortSignal): Promise<string>;

export async function Avatar({ id }: { id: string }) {
  const [src, badge] = await all([
    (signal) => renderAvatar(id, signal),
    (signal) => renderBadge(id, signal),
  ]);
  return (
    <figure>
      <img src={src} />
      <figcaption>{badge}</figcaption>
    </figure>
  );
}
