export async function save(url: string, body: string, signal: AbortSignal) {
  await fetch(url, {
    method: 'POST',
    body, // sent as is
    signal,
  });
}
