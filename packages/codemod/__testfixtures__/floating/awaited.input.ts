declare function flush(): Promise<void>;

export async function close() {
  await flush();
  return flush();
}
