export async function beacon(url: string, signal: AbortSignal) {
  // The beacon must go out even when the page is cancelled.
  // taskscope-migrate-ignore
  await fetch(url, { keepalive: true });
}
