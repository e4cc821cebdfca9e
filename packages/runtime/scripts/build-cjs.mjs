// Emits the CommonJS tree beside the ESM one that `tsc -b` builds. The nested
// package.json makes Node and TypeScript read dist/cjs (code and .d.ts) as CommonJS.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const pkg = join(import.meta.dirname, '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.cjs.json'], { cwd: pkg, stdio: 'inherit' });
mkdirSync(join(pkg, 'dist/cjs'), { recursive: true });
writeFileSync(join(pkg, 'dist/cjs/package.json'), '{ "type": "commonjs" }\n');
