declare function load(): Promise<number>;

// One unit of work and inert values: nothing is left running, nothing to rewrite.
export async function single() {
  return Promise.all([load(), Promise.resolve(2), 3]);
}
