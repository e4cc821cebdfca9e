// A token bucket that refills continuously. What it holds never goes below zero: tokens taken
// beyond that (a call that settles for more than it reserved) are owed, and the refill pays them
// back before anyone can take tokens again. So an overrun delays the next callers by exactly the
// time the bucket needs to refill it, and the limit holds over any window.

export interface Bucket {
  readonly capacity: number;
  /** Milliseconds until `cost` tokens can be taken: 0 for now. */
  wait(cost: number): number;
  /** Takes `cost` tokens, owing what the bucket does not hold; a negative cost gives tokens back. */
  take(cost: number): void;
}

/** A full bucket of `capacity` tokens that refills completely in `interval` ms. */
export function bucket(capacity: number, interval: number): Bucket {
  const rate = capacity / interval; // tokens per ms
  let level = capacity;
  let owed = 0; // > 0 only while level is 0
  let last = Date.now();
  const add = (tokens: number) => {
    const paid = Math.min(owed, tokens);
    owed -= paid;
    level = Math.min(capacity, level + tokens - paid);
  };
  const refill = () => {
    const now = Date.now();
    add((now - last) * rate);
    last = now;
  };
  return {
    capacity,
    wait(cost) {
      refill();
      // Less than a nanosecond short is float rounding (0.4 + 0.6 < 1), not a reason to wait.
      return Math.max(0, Math.ceil((cost + owed - level) / rate - 1e-6));
    },
    take(cost) {
      refill();
      if (cost < 0) return add(-cost);
      const taken = Math.min(level, cost);
      level -= taken;
      owed += cost - taken;
    },
  };
}
