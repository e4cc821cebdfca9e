// The runtime used in unusual ways: namespace and aliased imports, scope
// tasks spawned from nested functions, tasks that ignore their signal.
import * as tsk from 'taskscope';
import { all as runAll, map as mapLimit, scope, withTimeout as deadline } from 'taskscope';

const load = async (id: string, signal?: AbortSignal): Promise<string> => {
  const response = await fetch(`/items/${id}`, { signal });
  return response.text();
};

export async function namespaced(ids: string[], signal?: AbortSignal): Promise<string[]> {
  const [a, b] = await tsk.all([(s) => load('a', s), (s) => load('b', s)], { signal });
  const rest = await mapLimit(ids, (id) => load(id), { concurrency: 2 });
  return [a, b, ...rest];
}

export async function scoped(ids: string[]): Promise<void> {
  await scope(async (s) => {
    const spawnAll = () => ids.forEach((id) => s.spawn((signal) => load(id, signal)));
    spawnAll();
    s.spawn(async () => {
      load('ignores-signal');
      await Promise.all(ids.map((id) => load(id)));
    });
    s.start(() => load('started'));
  });
}

export async function mixed(signal: AbortSignal): Promise<string> {
  const first = await deadline(1000, (s) => load('x', s));
  const results = await tsk.allSettled([() => load('y'), () => load('z')]);
  const winner = await tsk.race([(s) => load('p', s), () => load('q')], { signal });
  await runAll(['a', 'b'].map((id) => (s: AbortSignal) => load(id, s)));
  return first + winner + results.length;
}
