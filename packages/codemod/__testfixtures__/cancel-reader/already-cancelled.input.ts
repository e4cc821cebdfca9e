// Cancelled by a local function the finally calls: nothing to change.
export async function* chunks(response: Response) {
  const reader = response.body!.getReader();
  const cancel = () => reader.cancel().catch(() => undefined);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await cancel();
  }
}
