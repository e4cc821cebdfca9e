import { createRequire } from 'node:module';
import path from 'node:path';

import ts from 'typescript';

import { detect } from '../src/lib/detect.js';
import { applyEdits, planEdits } from '../src/lib/edits.js';
import { parseSourceFile } from '../src/lib/locate.js';
import { reviewMarkerEdit } from '../src/lib/review.js';
import type { AnalysisContext, Detector, Finding, SyntaxKindName, TextEdit } from '../src/lib/types.js';

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

/**
 * A context for `code` as `fileName`, typed through a program of it (and of
 * `others`, more files by name in the same folder, which it may import as
 * `./name`) or syntactic.
 */
export function contextFor(code: string, typed: boolean, fileName = 'case.ts', others: Record<string, string> = {}): AnalysisContext {
  if (!typed) return { sourceFile: parseSourceFile(fileName, code), checker: undefined };
  const host = ts.createCompilerHost(options, true);
  const read = host.getSourceFile.bind(host);
  const virtual = (name: string) => (path.dirname(name) === '/virtual' ? (path.basename(name) === fileName ? code : others[path.basename(name)]) : undefined);
  host.fileExists = (name) => virtual(name) !== undefined || ts.sys.fileExists(name);
  host.directoryExists = (name) => name === '/virtual' || ts.sys.directoryExists(name);
  host.getSourceFile = (name, languageVersion) => {
    const text = virtual(name);
    if (text !== undefined) return ts.createSourceFile(name, text, languageVersion, true);
    const cached = libCache.get(name) ?? read(name, languageVersion);
    if (cached) libCache.set(name, cached);
    return cached;
  };
  host.getDefaultLibLocation = () => libDir;
  const program = ts.createProgram([`/virtual/${fileName}`], options, host);
  return { sourceFile: program.getSourceFile(`/virtual/${fileName}`)!, checker: program.getTypeChecker() };
}

/** Every finding of `detector` in the file, visiting nodes of its kinds as the adapters do. */
export function findingsOf<Options>(detector: Detector<Options>, context: AnalysisContext, options: Options): Finding[] {
  const found: Finding[] = [];
  const visit = (node: ts.Node): void => {
    if (detector.kinds.includes(ts.SyntaxKind[node.kind] as SyntaxKindName)) found.push(...detect(detector, node, context, options));
    ts.forEachChild(node, visit);
  };
  visit(context.sourceFile);
  return found;
}

/** What the codemod writes for `findings`: each one's first fix that has a transform, plus its review marker. */
export function migrateFindings(context: AnalysisContext, findings: readonly Finding[]): string {
  const { sourceFile } = context;
  const fixes = findings.flatMap((f) => f.fixes.filter((fix) => fix.transform).slice(0, 1));
  const markers = findings.flatMap((f) => (f.review ? [reviewMarkerEdit(sourceFile, f.review.node, f.review.reason)] : []));
  const edits = [...planEdits(sourceFile, fixes).edits, ...markers.filter((e): e is TextEdit => e !== undefined)];
  return applyEdits(sourceFile.text, edits);
}

/** The first call of the file, in source order, that `test` accepts. */
export function firstCall(sourceFile: ts.SourceFile, test: (call: ts.CallExpression) => boolean): ts.CallExpression {
  const visit = (node: ts.Node): ts.CallExpression | undefined =>
    ts.isCallExpression(node) && test(node) ? node : ts.forEachChild(node, visit);
  const found = visit(sourceFile);
  if (!found) throw new Error('no such call');
  return found;
}
