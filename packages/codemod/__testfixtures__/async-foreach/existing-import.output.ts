import { all, map } from 'taskscope';

declare function sync(table: string, signal?: AbortSignal): Promise<void>;

export async function syncEverything(tables: string[]) {
  await all([(signal) => sync('meta', signal)]);
  /* tables after meta */
  await map(tables, async (table, signal) => {
    await sync(table, signal); // one table
  });
}
