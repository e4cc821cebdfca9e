// Enums (const, string, computed, merged), namespaces (nested, merged with
// functions and classes, with async members), and `export import` aliases.
export enum Status {
  Idle,
  Running = 'running',
  Done = Running.length,
}

export const enum Flags {
  None = 0,
  Fast = 1 << 0,
  Safe = 1 << 1,
  Both = Fast | Safe,
}

export enum Status {
  Failed = 100,
}

export namespace Jobs {
  export const queue: Array<() => Promise<void>> = [];

  export async function drain(): Promise<void> {
    await Promise.all(queue.map((job) => job()));
    queue.length = 0;
  }

  export namespace Nested.Deeper {
    export function kick(): void {
      drain();
    }
  }
}

export function Jobs2(): Promise<void> {
  return Jobs.drain();
}
export namespace Jobs2 {
  export const retries = 3;
  export async function twice(): Promise<void> {
    Jobs2();
    await Jobs2();
  }
}

export class Pool {
  static create(): Pool {
    return new Pool();
  }
}
export namespace Pool {
  export type Options = { size: number };
  export const defaults: Options = { size: Flags.Both };
}

export import Kick = Jobs.Nested.Deeper.kick;

module Legacy {
  export const value = Status.Running;
}
Kick();
void Legacy.value;
