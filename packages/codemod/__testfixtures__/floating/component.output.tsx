import { scope } from 'taskscope';

declare function prefetch(route: string): Promise<void>;
declare function render(route: string): Promise<string>;

export async function Page({ route }: { route: string }) {
  return scope(async (s) => {
    s.spawn(() => prefetch(`${route}/next`));
    const html = await render(route);
    return <main>{html}</main>;
  });
}
