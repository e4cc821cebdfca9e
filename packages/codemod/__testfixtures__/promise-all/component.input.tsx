declare function renderAvatar(id: string, signal?: AbortSignal): Promise<string>;
declare function renderBadge(id: string, signal?: AbortSignal): Promise<string>;

export async function Avatar({ id }: { id: string }) {
  const [src, badge] = await Promise.all([renderAvatar(id), renderBadge(id)]);
  return (
    <figure>
      <img src={src} />
      <figcaption>{badge}</figcaption>
    </figure>
  );
}
