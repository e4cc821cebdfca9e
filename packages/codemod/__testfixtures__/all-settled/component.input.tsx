declare function track(event: string, signal?: AbortSignal): Promise<void>;

export function Button({ label }: { label: string }) {
  const onClick = async () => {
    await Promise.allSettled([track('click'), track(label)]);
  };
  return <button onClick={onClick}>{label}</button>;
}
