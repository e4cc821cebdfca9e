// map would hand a reference no signal it takes: nothing could cancel the deliveries, so a marker.
declare function deliver(parcel: string): Promise<void>;

export async function deliverAll(parcels: readonly string[]) {
  /* taskscope-migrate: async forEach callback takes no AbortSignal; await the iterations
     (for…of, or Promise.all over a map) if the caller should wait */
  parcels.forEach(deliver);
}
