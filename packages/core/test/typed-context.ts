import { createRequire } from 'node:module';
import path from 'node:path';

import ts from 'typescript';

import { parseSourceFile } from '../src/locate.js';
import type { AnalysisContext } from '../src/types.js';

// Lib files are parsed once and shared by every program contextFor builds.
const libDir = path.dirname(createRequire(import.meta.url).resolve('typescript'));
const libCache = new Map<string, ts.SourceFile>();
const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  types: [],
  strict: true,
  allowJs: true,
  noEmit: true,
};

/** A context for `code` as `fileName`, typed through a one-file program or syntactic. */
export function contextFor(code: string, typed: boolean, fileName = 'case.ts'): AnalysisContext {
  if (!typed) return { sourceFile: parseSourceFile(fileName, code), checker: undefined };
  const host = ts.createCompilerHost(options, true);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion) => {
    if (path.basename(name) === fileName) return ts.createSourceFile(name, code, languageVersion, true);
    const cached = libCache.get(name) ?? read(name, languageVersion);
    if (cached) libCache.set(name, cached);
    return cached;
  };
  host.getDefaultLibLocation = () => libDir;
  const program = ts.createProgram([`/virtual/${fileName}`], options, host);
  return { sourceFile: program.getSourceFile(`/virtual/${fileName}`)!, checker: program.getTypeChecker() };
}

