declare function beacon(): Promise<void>;

export async function leave() {
  // taskscope-migrate-ignore
  beacon();
}
