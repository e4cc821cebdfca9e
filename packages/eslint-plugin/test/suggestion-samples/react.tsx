// A component module: handlers and loaders with the usual promise mistakes.
declare global {
  namespace JSX {
    type Element = { readonly type: unknown };
    interface IntrinsicElements {
      [tag: string]: Record<string, unknown>;
    }
  }
}

interface Photo {
  id: string;
  url: string;
}

async function upload(photo: Photo, signal?: AbortSignal): Promise<void> {
  await fetch(`https://photos.example.com/${photo.id}`, { method: 'PUT', body: photo.url, signal });
}

export function Gallery({ photos, signal }: { photos: Photo[]; signal: AbortSignal }) {
  const uploadAll = async () => {
    await Promise.all(photos.map((photo) => upload(photo)));
  };
  const retry = () => {
    photos.forEach(async (photo) => upload(photo, signal));
  };
  return (
    <section>
      <button type="button" onClick={uploadAll}>
        Upload all
      </button>
      <button type="button" onClick={retry}>
        Retry
      </button>
      {photos.map((photo) => (
        <img key={photo.id} src={photo.url} onLoad={() => upload(photo)} />
      ))}
    </section>
  );
}

export async function preload(photos: Photo[]): Promise<void> {
  Promise.race([upload(photos[0]!), new Promise((resolve) => setTimeout(resolve, 1000))]);
  await Promise.allSettled(photos.map((photo) => fetch(photo.url)));
}
