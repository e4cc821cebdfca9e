export class EventStream {
  constructor(private readonly response: Response) {}

  async *[Symbol.asyncIterator]() {
    const reader = this.response.body!.getReader();
    try {
      let result = await reader.read();
      while (!result.done) {
        yield result.value;
        result = await reader.read();
      }
    } finally {
      await reader.cancel().catch(() => undefined);
      this.closed = true;
    }
  }

  closed = false;
}
