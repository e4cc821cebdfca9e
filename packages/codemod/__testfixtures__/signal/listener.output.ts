// Registering a listener is not work that keeps running: `addEventListener(…, { signal })` would
// remove it on abort, and code waiting for a last "done" message would then wait forever. The
// signal transform leaves listener registrations alone, under a marker that says what the lint
// says; the work call still gets the signal.
declare function send(socket: WebSocket, text: string, signal?: AbortSignal): Promise<void>;

export async function converse(socket: WebSocket, prompt: string, signal: AbortSignal): Promise<string> {
  const parts: string[] = [];
  const done = new Promise<string>((resolve) => {
    /* taskscope-migrate: require-signal-propagation: This listener stays registered when the
       surrounding work is cancelled: 'signal' is not passed to remove it. Remove it yourself
       where the work ends, or pass 'signal' if nothing waits for a last event. */
    socket.addEventListener('message', (event) => {
      if (event.data === '[DONE]') resolve(parts.join(''));
      else parts.push(String(event.data));
    });
  });
  /* taskscope-migrate: require-signal-propagation: This listener stays registered when the
     surrounding work is cancelled: 'signal' is not passed to remove it. Remove it yourself where
     the work ends, or pass 'signal' if nothing waits for a last event. */
  window.addEventListener('beforeunload', () => socket.close(), { once: true });
  await send(socket, prompt, signal);
  return done;
}
