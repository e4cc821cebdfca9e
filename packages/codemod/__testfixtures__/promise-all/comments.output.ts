import { all } from 'taskscope';

declare function charge(order: string, signal?: AbortSignal): Promise<void>;
declare function ship(order: string, signal?: AbortSignal): Promise<void>;

/** Charges and ships at once. */
export async function fulfil(order: string) {
  // Both go out together; neither may outlive a failure of the other.
  await all([
    (signal) => charge(order, signal), // payment first in the list
    /* then the parcel */ (signal) => ship(order, signal),
  ]);
}
