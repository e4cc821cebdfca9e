// setTimeout caps delays at 2^31-1 ms (about 24.8 days) and fires at once past that; a far
// deadline is reached in several hops instead.
const MAX_DELAY = 2 ** 31 - 1;

/** Calls `fn` after `ms`; returns the function that clears the pending timer. */
export function after(ms: number, fn: () => void): () => void {
  let handle: ReturnType<typeof setTimeout>;
  const arm = (left: number) => {
    handle = setTimeout(left > MAX_DELAY ? () => arm(left - MAX_DELAY) : fn, Math.min(left, MAX_DELAY));
  };
  arm(ms);
  return () => clearTimeout(handle);
}
