declare function count(table: string, signal?: AbortSignal): Promise<number>;
declare function predictLatest(table: string, signal?: AbortSignal): Promise<Date>;

export async function stats(): Promise<[number, Date, string]> {
  // The tuple type of the result must survive the rewrite.
  const [orders, lastOrder, region] = await Promise.all([count('orders'), predictLatest('orders'), Promise.resolve('eu')]);
  return [orders, lastOrder, region];
}
