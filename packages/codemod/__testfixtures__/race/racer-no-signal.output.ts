// One racer takes no AbortSignal: race() would abort the other and then wait for this one to end
// on its own. A marker, not a rewrite.
declare function fromPrimary(key: string, signal?: AbortSignal): Promise<string>;
declare function fromReplica(key: string): Promise<string>;

export async function fastest(key: string) {
  /* taskscope-migrate: Promise.race: a racer takes no AbortSignal, and race() would wait for it;
     give each one a signal first */
  return Promise.race([fromPrimary(key), fromReplica(key)]);
}
