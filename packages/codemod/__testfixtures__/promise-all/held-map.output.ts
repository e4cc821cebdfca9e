// Tasks a `.map` makes before the call: the thunks it now makes get `(signal: AbortSignal)`, since
// nothing gives them a contextual type there (TS7006 otherwise). Where code runs between the
// `const` and the call, the work would start later: a marker says where to change it.
import { all, any } from 'taskscope';

declare function embed(text: string, signal?: AbortSignal): Promise<number[]>;

export async function embedAll(texts: string[]) {
  const tasks = texts.map((text) => (signal: AbortSignal) => embed(text, signal));
  return all(tasks, { concurrency: 8 });
}

export async function firstEmbedding(texts: string[]) {
  const tasks = texts.map((text) => (signal: AbortSignal) => embed(text, signal));
  return any(tasks, { concurrency: 8 });
}

export async function embedLogged(texts: string[]) {
  const tasks = texts.map((text) => embed(text));
  console.log('started', tasks.length);
  /* taskscope-migrate: Promise.all: the tasks start where tasks is declared, not here; make them
     thunks there ((signal: AbortSignal) => …) and pass them to taskscope's all */
  return Promise.all(tasks);
}
