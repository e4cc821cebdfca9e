// What eslint-plugin-taskscope still reports on a migrated project: the
// codemod's invariant is that every finding left sits on a review marker.
import path from 'node:path';
import { readFileSync } from 'node:fs';

import { MARKER_PREFIX } from '@taskscope/core';
import * as parser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import ts from 'typescript';

import plugin from '../../eslint-plugin/src/index.js';

/** eslint-plugin-taskscope's recommended config, typed, on `<dir>/src`: each finding and whether a marker covers it. */
export async function lint(dir: string) {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser, parserOptions: { projectService: true, tsconfigRootDir: dir } } },
      plugin.configs.recommended as Linter.Config,
    ],
  });
  const results = await eslint.lintFiles([path.join(dir, 'src')]);
  return results.flatMap((result) => {
    const text = readFileSync(result.filePath, 'utf8');
    const sourceFile = ts.createSourceFile(result.filePath, text, ts.ScriptTarget.Latest, true);
    return result.messages.map((m) => ({
      ruleId: m.ruleId,
      where: `${path.relative(dir, result.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`,
      marked: isMarked(sourceFile, sourceFile.getPositionOfLineAndCharacter(m.line - 1, m.column - 1)),
    }));
  });
}

/** Whether a statement around `position` carries a review marker. */
export function isMarked(sourceFile: ts.SourceFile, position: number): boolean {
  let marked = false;
  const visit = (node: ts.Node): void => {
    if (position < node.getStart(sourceFile) || position >= node.end) return;
    const comments = ts.getLeadingCommentRanges(sourceFile.text, node.getFullStart()) ?? [];
    if (comments.some((c) => sourceFile.text.startsWith(MARKER_PREFIX, c.pos))) marked = true;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return marked;
}
