// Open-ended work (a watcher, a poll loop) runs as long as it is wanted: a scope would make the
// function wait for it forever. It takes a signal, but it gets a marker, not a spawn.
declare function watchConfig(path: string, signal?: AbortSignal): Promise<void>;
declare function pollQueue(name: string, signal?: AbortSignal): Promise<void>;
declare function serve(port: number): Promise<void>;

export async function start(port: number) {
  watchConfig('app.json');
  pollQueue('jobs');
  await serve(port);
}
