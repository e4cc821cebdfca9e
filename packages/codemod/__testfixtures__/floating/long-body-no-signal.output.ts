// A floating call whose work takes no signal, in a long function: a scope around the body would
// re-indent all of it and could only wait for the call. The marker names the smaller fixes; the
// body stays as it is.
declare function recordMetric(name: string, value: number): Promise<void>;
declare function render(template: string, data: Record<string, unknown>): string;

export async function renderPage(template: string, data: Record<string, unknown>) {
  const started = Date.now();
  const html = render(template, data);
  const size = html.length;
  const lines = html.split('\n').length;
  const title = /<title>(.*?)<\/title>/.exec(html)?.[1] ?? 'untitled';
  const links = html.match(/<a /g)?.length ?? 0;
  const images = html.match(/<img /g)?.length ?? 0;
  const scripts = html.match(/<script/g)?.length ?? 0;
  /* taskscope-migrate: floating promise: it takes no AbortSignal, so a scope could only wait for
     it; await it, or .catch(report) */
  recordMetric('render.ms', Date.now() - started);
  return { html, size, lines, title, links, images, scripts };
}
