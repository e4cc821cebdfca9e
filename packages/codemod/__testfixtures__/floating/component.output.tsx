import { scope } from 'taskscope';

declare function prefetch(route: string, signal?: AbortSignal): Promise<void>;
declare function render(route: string): Promise<string>;

export async function Page({ route }: { route: string }) {
  return scope(async (s) => {
    s.spawn((signal) => prefetch(`${route}/next`, signal));
    const html = await render(route);
    return <main>{html}</main>;
  });
}
