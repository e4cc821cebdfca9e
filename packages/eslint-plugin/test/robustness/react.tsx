// JSX: async handlers, fragments, generic arrow components, namespaced and
// spread attributes, conditional and mapped children, entities.
declare namespace JSX {
  interface IntrinsicElements {
    [tag: string]: Record<string, unknown>;
  }
}

type Item = { id: string; name: string };

const save = async (item: Item): Promise<void> => {
  await fetch(`/items/${item.id}`, { method: 'PUT', body: JSON.stringify(item) });
};

export const List = <T extends Item,>({ items, render }: { items: T[]; render: (item: T) => unknown }) => (
  <>
    {items.length === 0 ? <p>Nothing &amp; nobody</p> : null}
    <ul>
      {items.map((item) => (
        <li key={item.id} onClick={async () => save(item)} data-id={item.id}>
          {render(item)}
        </li>
      ))}
    </ul>
  </>
);

export function Form({ items, signal }: { items: Item[]; signal: AbortSignal }) {
  const props = { 'aria-label': 'form', role: 'form' };
  return (
    <form
      {...props}
      xlink:href="#top"
      onSubmit={async (event: { preventDefault(): void }) => {
        event.preventDefault();
        items.forEach(async (item) => save(item));
        await Promise.all(items.map((item) => fetch(`/check/${item.id}`)));
        await Promise.allSettled([save(items[0]!), fetch('/ping', { signal })]);
      }}
    >
      <input value={items.map((i) => i.name).join(', ')} />
      {/* a comment child */}
      {...items.map((item) => <span key={item.id}>{item.name}</span>)}
    </form>
  );
}

export default function App() {
  Promise.race([save({ id: '1', name: 'a' }), new Promise((resolve) => setTimeout(resolve, 5))]);
  return <List items={[{ id: '1', name: 'one' }]} render={(item) => <b>{item.name}</b>} />;
}
