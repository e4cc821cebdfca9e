declare function cleanup(dir: string): Promise<void>;

export async function cleanupAll(dirs: string[]) {
  // taskscope-migrate-ignore
  await Promise.allSettled(dirs.map((dir) => cleanup(dir)));
}
