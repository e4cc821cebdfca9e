// Explicit resource management: `using`, `await using`, disposables built from
// promises, `for (await using …)`, and DisposableStack.
class Connection implements AsyncDisposable {
  constructor(readonly url: string) {}
  query(sql: string, signal?: AbortSignal): Promise<unknown[]> {
    return fetch(this.url, { method: 'POST', body: sql, signal }).then((r) => r.json() as Promise<unknown[]>);
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await fetch(this.url, { method: 'DELETE' });
  }
}

function lock(name: string): Disposable {
  console.log('lock', name);
  return { [Symbol.dispose]: () => console.log('unlock', name) };
}

async function* connections(urls: string[]): AsyncGenerator<Connection> {
  for (const url of urls) yield new Connection(url);
}

export async function report(urls: string[], signal: AbortSignal): Promise<number> {
  using _guard = lock('report');
  await using db = new Connection(urls[0] ?? '/db');
  let rows = 0;
  for await (const conn of connections(urls)) {
    await using owned = conn;
    rows += (await owned.query('select 1')).length;
  }
  const [a, b] = await Promise.all([db.query('select a'), db.query('select b', signal)]);
  return rows + a.length + b.length;
}

export function stack(): void {
  using stack = new DisposableStack();
  stack.defer(() => void fetch('/cleanup'));
  stack.use(lock('stack'));
}
