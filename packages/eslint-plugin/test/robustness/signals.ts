// AbortSignal in every position: destructured, defaulted, optional, rest,
// nested options, `this`, closures, class fields; callees in odd shapes.
type Init = { signal?: AbortSignal; timeoutMs?: number };
declare function get(url: string, init?: Init): Promise<Response>;
declare function post(url: string, body: string, signal?: AbortSignal): Promise<Response>;
declare const client: { get?: typeof get; nested: { post: typeof post } } | undefined;

export async function destructured({ signal, url }: { signal: AbortSignal; url: string }): Promise<void> {
  await get(url);
  await client?.get?.(url);
  await client?.nested.post(url, '');
  await fetch(url, { method: 'GET' });
  await fetch(...([url] as const));
}

export async function defaulted(url: string, signal = AbortSignal.timeout(1000)): Promise<void> {
  const init: Init = {};
  await get(url, init);
  await get(url, { ...init });
  await get(url, { signal: undefined });
  await post(url, '', signal);
}

export async function rest(...args: [string, AbortSignal?]): Promise<void> {
  const [url, signal] = args;
  await fetch(url, { signal: signal ?? null });
  await fetch(url);
}

export async function nested(options: { request: { signal?: AbortSignal }; url: string }): Promise<void> {
  await fetch(options.url);
  await fetch(options.url, options.request);
}

export class Poller {
  readonly controller = new AbortController();
  signal = this.controller.signal;

  async poll(this: Poller, url: string): Promise<void> {
    await fetch(url);
    await Promise.all([get(url), post(url, '')].map((p) => p.then((r) => r.status)));
    setTimeout(async () => {
      await fetch(url);
    }, 10);
  }
}

export function closure(signal: AbortSignal) {
  return async function inner(url: string) {
    const signal = undefined;
    await fetch(url, { signal });
    return function deeper() {
      return fetch(url);
    };
  };
}
