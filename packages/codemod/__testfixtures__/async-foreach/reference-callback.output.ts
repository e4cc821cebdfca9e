import { map } from 'taskscope';

declare function deliver(parcel: string): Promise<void>;

export async function deliverAll(parcels: readonly string[]) {
  await map(parcels, deliver);
}
