// The work already passes the caller's signal: each task passes its own instead. It follows the
// caller's (the new call is given that one), and a failing sibling aborts it too. Where the
// work mentions `signal` already, the task's is named `taskSignal`.
declare function summarizePage(url: string, options?: { signal?: AbortSignal }): Promise<string>;
declare function probe(host: string, signal?: AbortSignal): Promise<string>;

export async function summarizeBoth(a: string, b: string, options: { signal?: AbortSignal }) {
  return Promise.all([summarizePage(a, { signal: options.signal }), summarizePage(b, { signal: options.signal })]);
}

export async function firstHost(hosts: string[], options: { signal?: AbortSignal }) {
  return Promise.any(hosts.map((host) => probe(host, options.signal)));
}
