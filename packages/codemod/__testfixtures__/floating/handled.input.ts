declare function report(error: unknown): Promise<void>;

export function onError(error: unknown) {
  // Handled: a rejection is caught, nothing floats unobserved.
  report(error).catch(() => undefined);
}
