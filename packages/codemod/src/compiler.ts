import { type Compiler, engineFor } from '@taskscope/core';
import { ts } from 'ts-morph';

/**
 * Core bound to the compiler ts-morph brings: the codemod and `taskscope check`
 * read every file with it, whatever TypeScript the project has. ts-morph
 * declares its own copy of TypeScript's types, which differ from core's in brands only.
 */
export const core = engineFor(ts as unknown as Compiler);
