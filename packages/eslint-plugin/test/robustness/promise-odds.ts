// Promise combinators called in every shape the grammar allows: computed,
// optional, aliased, spread, empty, non-array iterables, shadowed globals,
// `.call`/`.apply`, subclasses, and async callbacks of every array method.
const P = Promise;
const { all: pAll } = Promise;
const items = [1, 2, 3];
const work = async (n: number): Promise<number> => n;

export async function odds(signal?: AbortSignal): Promise<void> {
  await Promise['all']([work(1), work(2)]);
  await Promise?.all([work(1), work(2)]);
  await Promise.all?.([work(1), work(2)]);
  await (0, Promise.all)([work(1), work(2)]);
  await P.all([work(1), work(2)]);
  await pAll.call(Promise, [work(1), work(2)]);
  await Promise.all.apply(Promise, [[work(1), work(2)]]);
  await Promise.all(new Set([work(1), work(2)]));
  await Promise.all(items.map(work));
  await Promise.all([...items.map(work), ...items.map(work)]);
  await Promise.all([]);
  // @ts-expect-error -- no argument at all
  await Promise.all();
  await Promise.race([]);
  await Promise.any([work(1)]);
  await Promise.allSettled(function* () {
    yield work(1);
    yield work(2);
  }());
  await Promise.all(Array.from({ length: 3 }, (_, i) => work(i)));
  await Promise.all(Array.from(items, async (n) => work(n)));
  await Promise.all(items.map(async function named(n) {
    return work(n);
  }));
  await Promise.all(items.map((n) => (n > 1 ? work(n) : n)));
  await Promise.all([Promise.resolve(1), 2, 'three', null, undefined]);
  await new Promise<void>((resolve) => queueMicrotask(resolve));
  await Promise.race([work(1), new Promise((_, reject) => setTimeout(reject, 10))].map((p) => p));
  const settled = await Promise.allSettled([work(1), work(2)]);
  const [first] = settled;
  void first;
  Promise.allSettled(items.map(work)).then(console.log);
  items.forEach(async (n) => await work(n));
  items.filter(async (n) => (await work(n)) > 1);
  items.some(async (n) => work(n));
  items.every(async function (n) {
    return work(n);
  });
  items.find(async (n) => work(n));
  items.findIndex(async (n) => work(n));
  items.findLast(async (n) => work(n));
  items.findLastIndex(async (n) => work(n));
  items.reduce(async (acc, n) => (await acc) + n, Promise.resolve(0));
  items.reduceRight(async (acc, n) => (await acc) + n, Promise.resolve(0));
  items.map(async (n) => work(n));
  items.flatMap(async (n) => [await work(n)]);
  items.forEach(work);
  items.forEach(async function* gen(n) {
    yield n;
  });
  await fetch('/x', { signal });
  fetch('/y');
}

export function shadowed(): void {
  class Promise<T> {
    static all<T>(values: T[]): T[] {
      return values;
    }
    constructor(readonly value?: T) {}
  }
  Promise.all([1, 2]);
  new Promise(1);
  const fetch = (url: string) => url;
  fetch('/not-the-global');
}

export class MyPromise<T> extends Promise<T> {
  static override get [Symbol.species]() {
    return Promise;
  }
}

export async function subclass(): Promise<void> {
  MyPromise.all([work(1), work(2)]);
  await MyPromise.race([work(1), work(2)]);
  new MyPromise<number>((resolve) => resolve(1));
}
