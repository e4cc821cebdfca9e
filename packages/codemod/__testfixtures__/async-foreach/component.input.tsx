declare function preload(src: string, signal?: AbortSignal): Promise<void>;

export async function Gallery({ images }: { images: string[] }) {
  images.forEach(async (src) => {
    await preload(src);
  });
  return <div>{images.length} images</div>;
}
