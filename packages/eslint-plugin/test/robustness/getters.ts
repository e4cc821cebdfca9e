// Getters and setters that return or take promises, promise-typed properties,
// thenables, and promises hidden behind unions, intersections and aliases.
type Lazy<T> = PromiseLike<T> | T;
type Branded = Promise<string> & { readonly brand: unique symbol };

const thenable = {
  then(onFulfilled: (value: number) => void) {
    onFulfilled(1);
  },
};

export class Settings {
  #cache?: Promise<Record<string, string>>;

  get all(): Promise<Record<string, string>> {
    return (this.#cache ??= fetch('/settings').then((r) => r.json() as Promise<Record<string, string>>));
  }

  set all(value: Promise<Record<string, string>>) {
    this.#cache = value;
    value.then(() => console.log('updated'));
  }

  get lazy(): Lazy<number> {
    return thenable;
  }

  static get shared(): Promise<Settings> {
    return Promise.resolve(new Settings());
  }
}

export const store = {
  get ready() {
    return new Promise<void>((resolve) => setTimeout(resolve, 0));
  },
  set value(next: Promise<number>) {
    next.catch(() => undefined);
  },
  branded: undefined as unknown as Branded,
};

export async function use(settings: Settings): Promise<void> {
  settings.all;
  store.ready;
  Settings.shared;
  settings.lazy;
  thenable;
  store.branded;
  settings.all = Promise.resolve({});
  await Promise.all([settings.all, store.ready, settings.lazy]);
  const parked = settings.all;
  await store.ready;
  await parked;
}
