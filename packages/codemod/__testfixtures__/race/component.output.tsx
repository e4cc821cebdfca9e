import { sleep, race } from "taskscope";

declare function loadPreview(id: string, signal?: AbortSignal): Promise<string>;
declare function loadPlaceholder(id: string, signal?: AbortSignal): Promise<string>;

export async function Preview({ id }: { id: string }) {
  await sleep(10);
  const src = await race([
    (signal) => loadPreview(id, signal),
    (signal) => loadPlaceholder(id, signal),
  ]);
  return <img src={src} alt="" />;
}
