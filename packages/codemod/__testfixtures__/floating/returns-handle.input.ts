// The function hands out a connection its caller uses while the announcement runs: a scope would
// make it wait for the announcement before returning the connection. A marker, not a scope.
interface Connection {
  send(data: string): Promise<void>;
  close(): void;
}
declare function open(url: string, signal?: AbortSignal): Promise<Connection>;
declare function announce(url: string, signal?: AbortSignal): Promise<void>;

export async function connect(url: string): Promise<Connection> {
  const connection = await open(url);
  announce(url);
  return connection;
}
