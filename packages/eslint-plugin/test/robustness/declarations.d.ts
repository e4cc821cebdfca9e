// Ambient declarations only: modules, globals, overloads, no bodies anywhere.
declare module 'robustness-untyped-lib' {
  export function load(id: string): Promise<string>;
  export function load(ids: string[]): Promise<string[]>;
  const client: { get(url: string, init?: { signal?: AbortSignal }): Promise<unknown> };
  export default client;
}

declare module 'robustness-wildcard:*' {
  const value: () => Promise<void>;
  export = value;
}

declare global {
  interface Window {
    robustnessQueue?: Array<() => Promise<void>>;
  }
  function robustnessFetch(url: string, signal?: AbortSignal): Promise<Response>;
  var robustnessReady: Promise<void>;
}

declare function robustnessAll<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>[]>;

declare namespace RobustnessNs {
  const ready: Promise<void>;
  function race<T>(values: T[]): Promise<T>;
}

export {};
