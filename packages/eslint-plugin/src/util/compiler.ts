import { createRequire } from 'node:module';

import type { Compiler } from '@taskscope/core';

const require = createRequire(import.meta.url);

/**
 * The compiler for files whose parser gives no TypeScript nodes (espree on
 * .js): the TypeScript 6 that @ts-morph/common bundles as a plain module, so
 * untyped linting needs no `typescript` in the project, and installing the
 * plugin links no `tsc` over the project's own. Loaded on first use.
 */
export function parsingCompiler(): Compiler {
  return (bundled ??= (require('@ts-morph/common') as { ts: Compiler }).ts);
}
let bundled: Compiler | undefined;

const byPrototype = new WeakMap<object, Compiler>();
const prototypeOfModule = new WeakMap<Compiler, object>();

/**
 * The compiler that built `sourceFile` (a typescript-eslint node). The
 * parser loads its own `typescript`, which may be any version it supports,
 * so it is looked for among the TypeScript modules loaded in this process:
 * the one whose SourceFile objects share this one's prototype. Undefined when
 * none does (a parser that brings its compiler some other way).
 */
export function compilerOf(sourceFile: object): Compiler | undefined {
  const prototype = Object.getPrototypeOf(sourceFile) as object;
  const known = byPrototype.get(prototype);
  if (known) return known;
  for (const compiler of loadedCompilers()) {
    if (sourceFilePrototype(compiler) === prototype) {
      byPrototype.set(prototype, compiler);
      return compiler;
    }
  }
  return undefined;
}

function* loadedCompilers(): Iterable<Compiler> {
  for (const [file, module] of Object.entries(require.cache)) {
    if (!/[\\/](lib[\\/]typescript|@ts-morph[\\/]common[\\/]dist[\\/]typescript)\.js$/.test(file)) continue;
    const exports = module?.exports as Partial<Compiler> | undefined;
    if (typeof exports?.createSourceFile === 'function' && exports.SyntaxKind) yield exports as Compiler;
  }
}

function sourceFilePrototype(compiler: Compiler): object {
  let prototype = prototypeOfModule.get(compiler);
  if (!prototype) {
    prototype = Object.getPrototypeOf(compiler.createSourceFile('probe.ts', '', compiler.ScriptTarget.Latest)) as object;
    prototypeOfModule.set(compiler, prototype);
  }
  return prototype;
}
