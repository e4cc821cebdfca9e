declare function deliver(parcel: string): Promise<void>;

export async function deliverAll(parcels: readonly string[]) {
  parcels.forEach(deliver);
}
