import { map } from 'taskscope';

declare function preload(src: string): Promise<void>;

export async function Gallery({ images }: { images: string[] }) {
  await map(images, async (src) => {
    await preload(src);
  });
  return <div>{images.length} images</div>;
}
