declare function warm(key: string): Promise<void>;

export async function prewarm() {
  // taskscope-migrate-ignore
  await Promise.all([warm('a'), warm('b')]);
}
