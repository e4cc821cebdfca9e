declare function check(host: string, signal?: AbortSignal): Promise<boolean>;

export async function health(hosts: string[]) {
  const [first, second] = await Promise.allSettled([check(hosts[0]!), check(hosts[1]!)]);
  return { first: first.status === 'fulfilled' || String(first.reason), second: second.status === 'fulfilled' || String(second.reason) };
}
