import type * as TS from 'typescript';

import { checkFix } from './edits.js';
import type { AnalysisContext, Detector, Finding } from './types.js';

/**
 * How both adapters run a detector at a node. A detector error loses this
 * node's findings, never the file's and never the lint run (set
 * TASKSCOPE_STRICT=1, as the test suite does, to have it thrown). Every fix
 * passes `checkFix` here, once, so no adapter can be handed edits that
 * overlap; a fix that fails is dropped and the finding keeps the others.
 */
export function detect<Options>(detector: Detector<Options>, node: TS.Node, context: AnalysisContext, options: Options): Finding[] {
  let findings: Finding[];
  try {
    findings = detector.check(node, context, options);
  } catch (error) {
    if (strict()) throw error;
    return [];
  }
  if (findings.length === 0) return findings;
  const { text } = context.sourceFile;
  return findings.map((finding) => {
    const fixes = finding.fixes.flatMap((fix) => {
      const checked = checkFix(text, fix);
      if (checked) return [checked];
      if (strict()) throw new Error(`${detector.rule}: fix '${fix.messageId}' has overlapping edits at ${finding.node.getStart(context.sourceFile)}`);
      return [];
    });
    return fixes.length === finding.fixes.length && fixes.every((fix, index) => fix === finding.fixes[index]) ? finding : { ...finding, fixes };
  });
}

/**
 * Where a finding is shown: its node, or for a node over several lines (a
 * long IIFE, a `.then` chain) the head of it, its first line, so an editor
 * underlines the statement's start and not fifty lines of it.
 */
export function reportedSpan(finding: Finding, sourceFile: TS.SourceFile): { start: number; end: number } {
  const start = finding.node.getStart(sourceFile);
  const newline = sourceFile.text.indexOf('\n', start);
  if (newline === -1 || newline >= finding.node.end) return { start, end: finding.node.end };
  return { start, end: start + sourceFile.text.slice(start, newline).trimEnd().length };
}

// Read only on failure: the test suite switches it between runs.
function strict(): boolean {
  return process.env.TASKSCOPE_STRICT === '1';
}
