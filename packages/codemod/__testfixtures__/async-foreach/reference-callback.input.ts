// map would hand a reference no signal it takes: nothing could cancel the deliveries, so a marker.
declare function deliver(parcel: string): Promise<void>;

export async function deliverAll(parcels: readonly string[]) {
  parcels.forEach(deliver);
}
