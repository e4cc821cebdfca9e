// JSX in a .jsx file without types.
export function Widget({ items, onSave }) {
  return (
    <div className="widget">
      {items.map((item) => (
        <button key={item.id} onClick={async () => { await onSave(item); }}>
          {item.label}
        </button>
      ))}
      <button onClick={() => Promise.all(items.map((item) => onSave(item)))}>Save all</button>
    </div>
  );
}

export default function Page({ load }) {
  load();
  return <><Widget items={[]} onSave={async () => undefined} /></>;
}
