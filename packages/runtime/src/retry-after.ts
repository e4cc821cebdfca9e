// The wait a failed call asks for before it is retried. Servers send it on 429 and 503 responses
// as `Retry-After` (seconds, or an HTTP date); OpenAI's and Anthropic's APIs also send
// `retry-after-ms`. Their SDK errors carry the response's `status` and `headers` (a Headers object,
// or a plain record in older versions); a thrown Response has its headers too.

/**
 * Milliseconds `error` asks to wait. Anything but a number >= 0 (undefined, NaN, a date in the
 * past) says nothing usable, and `retry` backs off instead.
 */
export function retryAfterOf(error: unknown): number | undefined {
  const e = error as { retryAfter?: unknown; headers?: unknown; response?: { headers?: unknown } } | null | undefined;
  if (typeof e?.retryAfter === 'number') return e.retryAfter;
  const headers = e?.headers ?? e?.response?.headers;
  // Number(undefined) and Date.parse(undefined) are NaN: nothing usable.
  const ms = Number(header(headers, 'retry-after-ms'));
  if (ms >= 0) return ms;
  const value = header(headers, 'retry-after');
  const seconds = Number(value);
  return Number.isNaN(seconds) ? Date.parse(value!) - Date.now() : seconds * 1000;
}

/** Header `name` (in lower case, as SDK records have it), or undefined when missing or empty. */
function header(headers: unknown, name: string): string | undefined {
  const h = headers as { get?: unknown } | null | undefined;
  const value: unknown = typeof h?.get === 'function' ? (h as Headers).get(name) : (h as Record<string, unknown> | null | undefined)?.[name];
  return value == null || value === '' ? undefined : String(value);
}
