import { allSettled } from 'taskscope';

declare function check(host: string, signal?: AbortSignal): Promise<boolean>;

export async function health(hosts: string[]) {
  const [first, second] = await allSettled([
    (signal) => check(hosts[0]!, signal),
    (signal) => check(hosts[1]!, signal),
  ]);
  return { first: first.status === 'fulfilled' || String(first.reason), second: second.status === 'fulfilled' || String(second.reason) };
}
