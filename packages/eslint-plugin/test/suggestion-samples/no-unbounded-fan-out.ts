// One task per item of a collection of any size, all started at once.
import { all, allSettled } from 'taskscope';

interface Row {
  id: string;
  payload: string;
}

async function save(row: Row, signal?: AbortSignal): Promise<void> {
  await fetch(`https://db.example.com/rows/${row.id}`, { method: 'PUT', body: row.payload, signal });
}

export async function importRows(rows: readonly Row[]): Promise<void> {
  await Promise.all(rows.map((row) => save(row)));
}

export async function importReport(rows: Row[]): Promise<number> {
  const results = await Promise.allSettled(rows.map(async (row) => save(row)));
  return results.filter((result) => result.status === 'rejected').length;
}

export async function importScoped(rows: readonly Row[], signal?: AbortSignal): Promise<void> {
  await all(rows.map((row) => (taskSignal: AbortSignal) => save(row, taskSignal)), { signal });
}

export async function importSettled(rows: readonly Row[]): Promise<number> {
  const results = await allSettled(rows.map((row) => (signal: AbortSignal) => save(row, signal)));
  return results.filter((result) => result.status === 'rejected').length;
}
