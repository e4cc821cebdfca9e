import { all } from 'taskscope';

declare function renderAvatar(id: string, signal?: AbortSignal): Promise<string>;
declare function generateBadge(id: string, signal?: AbortSignal): Promise<string>;

export async function Avatar({ id }: { id: string }) {
  const [src, badge] = await all([
    (signal) => renderAvatar(id, signal),
    (signal) => generateBadge(id, signal),
  ]);
  return (
    <figure>
      <img src={src} />
      <figcaption>{badge}</figcaption>
    </figure>
  );
}
