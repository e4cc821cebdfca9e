export async function loadJson(url: string, signal: AbortSignal): Promise<unknown> {
  // Cancelling the caller must cancel the request.
  const response = await fetch(url);
  return response.json();
}
