import {
  type AnalysisContext,
  type Detector,
  type Finding,
  findNodeByRange,
  parseSourceFile,
  planEdits,
} from '@taskscope/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';

/** What a rule needs from the shared engine for one file. */
export interface RuleAnalysis {
  /** The TypeScript view of the file; `checker` is undefined without type information. */
  readonly context: AnalysisContext;
  /** The TypeScript node for an ESTree node, or undefined when none matches. */
  tsNode(node: TSESTree.Node, kinds?: readonly ts.SyntaxKind[]): ts.Node | undefined;
  /** Reports findings, each fix as a suggestion that applies exactly the codemod's edits. */
  report(findings: readonly Finding[]): void;
  /** Maps `node` to its TS node of one of the detector's kinds, runs the detector there and reports. */
  check<Options>(detector: Detector<Options>, node: TSESTree.Node, options: Options): void;
}

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Maps a rule onto the shared analysis. With @typescript-eslint/parser the TS
 * nodes come from its node map (and the checker from its program when
 * `projectService` is on). With any other parser (espree on .js) the text is
 * parsed once, lazily, and nodes are matched by range.
 */
export function analysisFor(ruleContext: AnyContext): RuleAnalysis {
  const { sourceCode } = ruleContext;
  const services = sourceCode.parserServices;
  const nodeMap = services?.esTreeNodeToTSNodeMap;
  let sourceFile: ts.SourceFile | undefined;
  let checker: ts.TypeChecker | undefined;

  const context: AnalysisContext = {
    get sourceFile() {
      sourceFile ??= nodeMap
        ? (nodeMap.get(sourceCode.ast) as ts.SourceFile)
        : parseSourceFile(ruleContext.filename, sourceCode.text);
      return sourceFile;
    },
    get checker() {
      checker ??= services?.program?.getTypeChecker();
      return checker;
    },
  };

  const analysis: RuleAnalysis = {
    context,
    tsNode(node, kinds) {
      if (nodeMap) {
        const mapped = nodeMap.get(node);
        if (!kinds || kinds.includes(mapped.kind)) return mapped;
      }
      return findNodeByRange(context.sourceFile, node.range[0], node.range[1], kinds);
    },
    report(findings) {
      for (const finding of findings) reportFinding(ruleContext, context.sourceFile, finding);
    },
    check(detector, node, options) {
      const target = analysis.tsNode(node, detector.kinds);
      if (target) analysis.report(safely(() => detector.check(target, context, options)));
    },
  };
  return analysis;
}

function reportFinding(ruleContext: AnyContext, sourceFile: ts.SourceFile, finding: Finding): void {
  const { sourceCode } = ruleContext;
  ruleContext.report({
    loc: {
      start: sourceCode.getLocFromIndex(finding.node.getStart(sourceFile)),
      end: sourceCode.getLocFromIndex(finding.node.end),
    },
    messageId: finding.messageId,
    data: finding.data,
    suggest: finding.fixes.map((fix) => ({
      messageId: fix.messageId,
      data: fix.data,
      fix: (fixer: TSESLint.RuleFixer) =>
        planEdits(sourceFile, [fix]).edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text)),
    })),
  });
}

/**
 * Runs a detector check so that a bug in it can never break a lint run: the
 * node is skipped instead. Set TASKSCOPE_STRICT=1 (the test suite does) to see
 * the error.
 */
function safely(check: () => readonly Finding[]): readonly Finding[] {
  try {
    return check();
  } catch (error) {
    if (process.env.TASKSCOPE_STRICT === '1') throw error;
    return [];
  }
}
