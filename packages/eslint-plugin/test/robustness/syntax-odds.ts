// Newer and rarer syntax: satisfies, const type parameters, import attributes,
// `accessor`, assertion functions, template literal types, top-level await,
// import.meta, optional call chains, logical assignment, bigint, regex flags,
// generators, comma and void expressions, getters on object literals.
import type { Scope } from 'taskscope';
import * as taskscope from 'taskscope';
export type { Scope };
export * as runtime from 'taskscope';

type Route = `/${string}`;
type Unwrap<T> = T extends Promise<infer U extends object> ? U : never;

export const routes = { home: '/', users: '/users' } as const satisfies Record<string, Route>;

export function assertDefined<T>(value: T, message?: string): asserts value is NonNullable<T> {
  if (value == null) throw new Error(message ?? 'undefined');
}

export function tuple<const T extends readonly unknown[]>(...values: T): T {
  return values;
}

export class Box<T> {
  accessor value: T | undefined;
  declare readonly kind: 'box';
}

const big = 9_007_199_254_740_993n;
const pattern = /(?<year>\d{4})-\p{Lu}/v;
const handlers: { on?: { call?: (n: number) => Promise<void> } } = {};
let counter: number | undefined;
counter ??= 0;
counter ||= 1;
counter &&= counter + 1;

handlers.on?.call?.(1);
await handlers.on?.call?.(2);
void import.meta.url;
(async () => undefined)(), (async () => undefined)();
void (async () => Promise.all([1, 2].map(async (n) => n)))();
await Promise.all(Object.values(taskscope).filter((value) => typeof value === 'function').map(async () => 1));

export async function* numbers(limit: number): AsyncGenerator<number, void, undefined> {
  for (let n = 0n; n < big && Number(n) < limit; n++) yield Number(n);
  yield* [1, 2, 3];
}

for await (const n of numbers(3)) {
  if (pattern.test(String(n))) break;
}

export const lazyObject = {
  get value() {
    return fetch('/lazy');
  },
  async *[Symbol.asyncIterator]() {
    yield await fetch('/iter');
  },
};

export type Payload = Unwrap<Promise<{ ok: true }>>;
debugger;
