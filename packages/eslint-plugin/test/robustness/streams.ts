// Stream readers in odd shapes: destructured, reassigned, byob, nested generators, labels, getters.
declare const source: ReadableStream<Uint8Array>;
declare const maybe: { getReader?(): ReadableStreamDefaultReader<Uint8Array> } | undefined;

export async function* plain() {
  const reader = source.getReader();
  outer: for (;;) {
    const { done, value } = await reader.read();
    if (done) break outer;
    yield value;
  }
}

export async function* destructured() {
  const { read } = source.getReader();
  for (;;) yield await read();
}

export async function* reassigned() {
  let reader = source.getReader();
  reader = source.getReader();
  while (true) yield (await reader.read()).value;
}

export async function* byob() {
  const reader = source.getReader({ mode: 'byob' });
  try {
    for (let result = await reader.read(new Uint8Array(8)); !result.done; result = await reader.read(new Uint8Array(8))) yield result.value;
  } finally {
  }
}

export async function* optional() {
  const reader = maybe?.getReader?.();
  if (!reader) return;
  do yield await reader.read(); while (true);
}

export const inObject = {
  async *[Symbol.asyncIterator]() {
    const reader = (source as any).getReader();
    for (;;) {
      const next = await reader.read();
      if (next.done) return;
      yield* [next.value];
      yield async function* inner() { yield await reader.read(); };
    }
  },
};

export function sync() {
  const reader = source.getReader();
  return function* () { for (;;) yield reader.read(); };
}

class Holder {
  get reader() { return source.getReader(); }
  async *lines() { for (;;) yield await this.reader.read(); }
}
export { Holder };
