// Plain JavaScript with no types anywhere: JSDoc only, class fields, private
// methods, async generators, optional catch binding, getters, `arguments`.
import { readFile } from 'node:fs/promises';

/** @param {string[]} paths */
export async function readAll(paths) {
  const texts = await Promise.all(paths.map((path) => readFile(path, 'utf8')));
  Promise.all([readFile(paths[0]), readFile(paths[1])]);
  paths.forEach(async (path) => {
    await readFile(path);
  });
  return texts;
}

export class Cache {
  #entries = new Map();
  static instances = 0;

  get size() {
    return this.#entries.size;
  }

  async #load(key, signal) {
    const response = await fetch(`/cache/${key}`, { signal });
    return response.json();
  }

  get(key, signal) {
    if (!this.#entries.has(key)) this.#entries.set(key, this.#load(key));
    return this.#entries.get(key);
  }

  refresh() {
    for (const key of this.#entries.keys()) this.#load(key);
    try {
      this.get('x');
    } catch {
      // ignored
    }
    return arguments.length;
  }
}

export async function* pages(url) {
  let next = url;
  while (next) {
    const page = await fetch(next).then((r) => r.json());
    yield page.items;
    next = page.next;
  }
}

const settled = await Promise.allSettled([fetch('/a'), fetch('/b')]);
export const ok = settled.filter((r) => r.status === 'fulfilled');
Promise.race([fetch('/slow'), new Promise((resolve) => setTimeout(resolve, 100))]);
