declare function poll(url: string): Promise<Response>;

export async function firstResponse(a: string, b: string) {
  // taskscope-migrate-ignore
  return Promise.race([poll(a), poll(b)]);
}
