// A UTF-8 BOM and CRLF line endings: offsets must still line up.
export async function crlf(ids: string[]): Promise<void> {
  Promise.all(ids.map((id) => fetch(`/x/${id}`)));
  await Promise.race([fetch("/a"), fetch("/b")]);
  ids.forEach(async (id) => {
    await fetch(id);
  });
}
