// A promise thrown, or handed to a tagged template, is passed on: its owner is whoever catches it
// or runs the query. Nothing to rewrite and nothing to mark.
declare function load(id: string, signal?: AbortSignal): Promise<string>;
declare function sql(strings: TemplateStringsArray, ...values: unknown[]): Promise<unknown[]>;

export function suspend(id: string): never {
  const pending = load(id);
  throw pending;
}

export async function rowsFor(id: string) {
  const name = load(id);
  return sql`select * from users where name = ${name}`;
}
