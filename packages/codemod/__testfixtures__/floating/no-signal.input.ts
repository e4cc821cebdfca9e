// The work takes no AbortSignal: a scope could not cancel it, only wait for it. A marker says so.
declare function sendReceipt(orderId: string): Promise<void>;
declare function store(orderId: string): Promise<void>;

export async function complete(orderId: string) {
  sendReceipt(orderId);
  await store(orderId);
}
