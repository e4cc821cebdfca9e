// The work takes no AbortSignal: a scope could not cancel it, only wait for it. A marker says so.
declare function sendReceipt(orderId: string): Promise<void>;
declare function store(orderId: string): Promise<void>;

export async function complete(orderId: string) {
  /* taskscope-migrate: floating promise: it takes no AbortSignal, so a scope could only wait for
     it; await it, or .catch(report) */
  sendReceipt(orderId);
  await store(orderId);
}
