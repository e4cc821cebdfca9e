declare function prefetch(route: string, signal?: AbortSignal): Promise<void>;
declare function render(route: string): Promise<string>;

export async function Page({ route }: { route: string }) {
  prefetch(`${route}/next`);
  const html = await render(route);
  return <main>{html}</main>;
}
