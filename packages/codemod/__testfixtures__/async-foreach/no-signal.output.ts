// The iterations' work takes no AbortSignal: awaiting them through map would cancel nothing,
// and whether the caller should wait for them is the author's call. A marker.
declare function track(event: string): Promise<void>;

export async function trackAll(events: string[]) {
  /* taskscope-migrate: async forEach callback takes no AbortSignal; await the iterations
     (for…of, or Promise.all over a map) if the caller should wait */
  events.forEach(async (event) => {
    await track(event);
  });
}
