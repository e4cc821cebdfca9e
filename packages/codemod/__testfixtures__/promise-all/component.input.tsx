declare function renderAvatar(id: string, signal?: AbortSignal): Promise<string>;
declare function generateBadge(id: string, signal?: AbortSignal): Promise<string>;

export async function Avatar({ id }: { id: string }) {
  const [src, badge] = await Promise.all([renderAvatar(id), generateBadge(id)]);
  return (
    <figure>
      <img src={src} />
      <figcaption>{badge}</figcaption>
    </figure>
  );
}
