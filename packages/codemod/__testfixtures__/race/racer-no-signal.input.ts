// One racer takes no AbortSignal: race() would abort the other and then wait for this one to end
// on its own. A marker, not a rewrite.
declare function fromPrimary(key: string, signal?: AbortSignal): Promise<string>;
declare function fromReplica(key: string): Promise<string>;

export async function fastest(key: string) {
  return Promise.race([fromPrimary(key), fromReplica(key)]);
}
