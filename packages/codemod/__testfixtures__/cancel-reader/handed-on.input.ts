// The reader is handed to its new owner, who may cancel it.
declare function track(reader: ReadableStreamDefaultReader<Uint8Array>): void;

export async function* tracked(response: Response) {
  const reader = response.body!.getReader();
  track(reader);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}
