// A streaming client: the consumer may stop after any event.
export async function* completionEvents(url: string, prompt: string, signal?: AbortSignal) {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify({ prompt, stream: true }), signal });
  if (!response.ok || !response.body) throw new Error(`stream failed: ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += value;
      const events = buffer.split('\n\n');
      buffer = events.pop() ?? '';
      for (const event of events) {
        if (event.startsWith('data: ')) yield JSON.parse(event.slice(6)) as { text: string };
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
