import { all } from 'taskscope';

declare function count(table: string, signal?: AbortSignal): Promise<number>;
declare function predictLatest(table: string, signal?: AbortSignal): Promise<Date>;

export async function stats(): Promise<[number, Date, string]> {
  // The tuple type of the result must survive the rewrite.
  const [orders, lastOrder, region] = await all([(signal) => count('orders', signal), (signal) => predictLatest('orders', signal), () => Promise.resolve('eu')]);
  return [orders, lastOrder, region];
}
