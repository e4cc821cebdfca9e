import { sleep, type Scope, all } from 'taskscope';

declare function generateReport(host: string, signal?: AbortSignal): Promise<number>;

export async function probe(hosts: [string, string], pause: number, owner?: Scope) {
  await sleep(pause);
  return all([
    (signal) => generateReport(hosts[0], signal),
    (signal) => generateReport(hosts[1], signal),
  ]);
}
