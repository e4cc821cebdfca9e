// Tasks a `.map` makes before the call: the thunks it now makes get `(signal: AbortSignal)`, since
// nothing gives them a contextual type there (TS7006 otherwise). Where code runs between the
// `const` and the call, the work would start later: a marker says where to change it.
declare function embed(text: string, signal?: AbortSignal): Promise<number[]>;

export async function embedAll(texts: string[]) {
  const tasks = texts.map((text) => embed(text));
  return Promise.all(tasks);
}

export async function firstEmbedding(texts: string[]) {
  const tasks = texts.map((text) => embed(text));
  return Promise.any(tasks);
}

export async function embedLogged(texts: string[]) {
  const tasks = texts.map((text) => embed(text));
  console.log('started', tasks.length);
  return Promise.all(tasks);
}
