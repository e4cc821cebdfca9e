// Core's tests call its helpers directly, outside an engine: they read nodes with the workspace's TypeScript.
import ts from 'typescript';
import { afterAll, beforeAll } from 'vitest';

import { enterCompiler } from '../src/lib/compiler.js';

let restore: () => void;
beforeAll(() => {
  restore = enterCompiler(ts);
});
afterAll(() => restore());
