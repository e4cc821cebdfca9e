// The size of the runtime's main entry as an application ships it: bundled and minified with
// esbuild, then gzipped. `pnpm bench` prints it; test/size.test.ts holds it to the budget.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The budget of the main entry, in bytes min+gzip. `inspect` and `context` are not in it. */
export const BUDGET = 5120;

/** Bytes of the main entry (`src/index.ts`), minified, and minified then gzipped. */
export async function mainEntrySize(): Promise<{ minified: number; gzipped: number }> {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
  });
  const code = bundle.outputFiles[0]!.contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}
