declare function remove(path: string): Promise<void>;

// A sync function can't await the work: a marker.
export function cleanup(paths: string[]) {
  /* taskscope-migrate: async forEach callback outside an async function */
  paths.forEach(async (path) => {
    await remove(path);
  });
}
