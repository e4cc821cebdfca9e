// Overloads on functions, methods and constructors; overloads that differ
// only in returning a promise; implementation signatures with unions.
export function load(id: string): Promise<string>;
export function load(ids: string[]): Promise<string[]>;
export function load(id: string, signal: AbortSignal): Promise<string>;
export async function load(arg: string | string[], signal?: AbortSignal): Promise<string | string[]> {
  if (Array.isArray(arg)) return Promise.all(arg.map((id) => load(id)));
  const response = await fetch(`/items/${arg}`, { signal });
  return response.text();
}

export function maybe(sync: true): string;
export function maybe(sync: false): Promise<string>;
export function maybe(sync: boolean): string | Promise<string> {
  return sync ? 'now' : Promise.resolve('later');
}

export class Client {
  constructor();
  constructor(base: string);
  constructor(base: string, init: { signal?: AbortSignal });
  constructor(
    readonly base = '/',
    readonly init: { signal?: AbortSignal } = {},
  ) {}

  get(path: string): Promise<Response>;
  get(path: string, init: RequestInit): Promise<Response>;
  get(path: string, init?: RequestInit): Promise<Response> {
    return fetch(this.base + path, init ?? this.init);
  }
}

export function caller(client: Client, signal: AbortSignal): void {
  maybe(false);
  maybe(true);
  load('a');
  load(['a', 'b'], );
  client.get('/x');
  Promise.all([load('a'), load('b', signal), client.get('/y')]);
}
