declare function remove(path: string): Promise<void>;

// A sync function can't await the work: a marker.
export function cleanup(paths: string[]) {
  paths.forEach(async (path) => {
    await remove(path);
  });
}
