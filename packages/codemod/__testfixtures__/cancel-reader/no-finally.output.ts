// No finally around the loop: the codemod can't place the cancel, and marks the site.
export async function* lines(stream: ReadableStream<string>) {
  /* taskscope-migrate: never cancelled: cancel the reader in a finally around the read loop */
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}
