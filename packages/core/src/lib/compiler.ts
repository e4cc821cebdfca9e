import type * as TS from 'typescript';

/** A TypeScript compiler module with the JavaScript API: the host's `typescript` (4.8 to 6.x), or ts-morph's. */
export type Compiler = Omit<typeof TS, 'default'>;

/**
 * The compiler that made the nodes core is reading. Core never imports
 * `typescript` itself: SyntaxKind and flag numbers differ between versions,
 * so a node must be read with the compiler that built it, and only the host
 * knows which that is. Each entry point of an engine (see engine.ts) sets it
 * for the duration of the call; outside one it is unset, never a default.
 */
export let ts: Compiler = unset();

/** Runs `work` with `compiler` as `ts`. Calls nest; the previous compiler is restored after. */
export function withCompiler<T>(compiler: Compiler, work: () => T): T {
  if (compiler === ts) return work();
  const restore = enterCompiler(compiler);
  try {
    return work();
  } finally {
    restore();
  }
}

/** Makes `compiler` core's `ts` until the returned function is called (core's own tests span a whole file). */
export function enterCompiler(compiler: Compiler): () => void {
  const previous = ts;
  ts = compiler;
  return () => {
    ts = previous;
  };
}

/** A value derived from the compiler (a set of kinds, a mask of flags), computed once per compiler. */
export function perCompiler<T>(compute: () => T): () => T {
  const values = new WeakMap<Compiler, T>();
  return () => {
    let value = values.get(ts);
    if (value === undefined) values.set(ts, (value = compute()));
    return value;
  };
}

function unset(): Compiler {
  return new Proxy({} as Compiler, {
    get() {
      throw new Error('@taskscope/core was called outside an engine: make one with engineFor(ts) and call through it');
    },
  });
}
