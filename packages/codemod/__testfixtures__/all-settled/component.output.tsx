import { allSettled } from 'taskscope';

declare function track(event: string, signal?: AbortSignal): Promise<void>;

export function Button({ label }: { label: string }) {
  const onClick = async () => {
    /* taskscope-migrate: allSettled results are never checked for rejections */
    await allSettled([
      (signal) => track('click', signal),
      (signal) => track(label, signal),
    ]);
  };
  return <button onClick={onClick}>{label}</button>;
}
