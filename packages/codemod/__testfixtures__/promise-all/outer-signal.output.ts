// The work already passes the caller's signal: each task passes its own instead. It follows the
// caller's (the new call is given that one), and a failing sibling aborts it too. Where the
// work mentions `signal` already, the task's is named `taskSignal`.
import { all, any } from 'taskscope';

declare function summarizePage(url: string, options?: { signal?: AbortSignal }): Promise<string>;
declare function probe(host: string, signal?: AbortSignal): Promise<string>;

export async function summarizeBoth(a: string, b: string, options: { signal?: AbortSignal }) {
  return all([(taskSignal) => summarizePage(a, { signal: taskSignal }), (taskSignal) => summarizePage(b, { signal: taskSignal })], { signal: options.signal });
}

export async function firstHost(hosts: string[], options: { signal?: AbortSignal }) {
  return any(
    hosts.map((host) => (taskSignal: AbortSignal) => probe(host, taskSignal)),
    { concurrency: 8, signal: options.signal },
  );
}
