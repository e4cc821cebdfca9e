export async function Feed({ url, signal }: { url: string; signal: AbortSignal }) {
  const items: string[] = await (await fetch(url)).json();
  return (
    <ul>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}
