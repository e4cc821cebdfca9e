// Streaming generators that only release their readers: each gets a cancel in its finally.
export async function* completion(url: string, prompt: string, signal?: AbortSignal): AsyncGenerator<string> {
  const response = await fetch(url, { method: 'POST', body: prompt, signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export class Lines {
  constructor(private readonly stream: ReadableStream<string>) {}

  async *read(): AsyncGenerator<string> {
    const reader = this.stream.getReader();
    try {
      let next = await reader.read();
      while (!next.done) {
        yield* next.value.split('\n');
        next = await reader.read();
      }
    } finally {
      console.debug('lines: done');
    }
  }
}
