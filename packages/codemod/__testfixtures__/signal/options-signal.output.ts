interface Options {
  retries: number;
  signal: AbortSignal;
}

declare function query(sql: string, options?: { signal?: AbortSignal }): Promise<unknown[]>;

export async function report(opts: Options) {
  const rows = await query('select * from orders', { signal: opts.signal });
  return rows.length * opts.retries;
}
