import { withTimeout, allSettled } from "taskscope";

declare function warm(region: string, signal?: AbortSignal): Promise<void>;

/**
 * Warms both regions within a second.
 */
export async function warmUp() {
  return withTimeout(1000, async (signal) => {
    /* taskscope-migrate: allSettled results are never checked for rejections */
    const outcome = await allSettled([
      (signal) => warm("eu", signal), // primary
      (signal) => warm("us", signal),
    ], { signal });
    return outcome.length;
  });
}
