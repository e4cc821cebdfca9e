import { map } from 'taskscope';

declare function preload(src: string, signal?: AbortSignal): Promise<void>;

export async function Gallery({ images }: { images: string[] }) {
  await map(images, async (src, signal) => {
    await preload(src, signal);
  });
  return <div>{images.length} images</div>;
}
