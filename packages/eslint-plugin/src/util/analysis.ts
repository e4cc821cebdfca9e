import { type AnalysisContext, type Detector, type Engine, type Finding, engineFor } from '@taskscope/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';

import { compilerOf, parsingCompiler } from './compiler.js';

/** What a rule needs from the shared engine for one file. */
export interface RuleAnalysis {
  /** Maps `node` to its TS node of one of the detector's kinds, runs the detector there and reports. */
  check<Options>(detector: Detector<Options>, node: TSESTree.Node, options: Options): void;
}

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** A file's text parsed by the plugin itself, with its nodes indexed by range. */
interface ParsedText {
  sourceFile: ts.SourceFile;
  nodeAt: ReturnType<Engine['rangeIndex']>;
}

// Keyed by ESLint's SourceCode, which every rule linting a file shares: the file is parsed once, not once per rule.
const parsedTexts = new WeakMap<object, ParsedText>();

/**
 * Maps a rule onto the shared analysis. With @typescript-eslint/parser the TS
 * nodes come from its node map (and the checker from its program when
 * `projectService` is on), read with the compiler that parser loaded. With
 * any other parser (espree on .js), or when that compiler can't be found, the
 * text is parsed once, lazily, with the plugin's own compiler, and nodes are
 * matched by range (without types).
 */
export function analysisFor(ruleContext: AnyContext): RuleAnalysis {
  const { sourceCode } = ruleContext;
  const services = sourceCode.parserServices;
  const parsed = services?.esTreeNodeToTSNodeMap?.get(sourceCode.ast) as ts.SourceFile | undefined;
  const hostCompiler = parsed && compilerOf(parsed);
  const nodeMap = hostCompiler ? services!.esTreeNodeToTSNodeMap : undefined;
  let engine: Engine | undefined;
  let checker: ts.TypeChecker | undefined;
  const core = () => (engine ??= engineFor(hostCompiler ?? parsingCompiler()));
  const parsedText = (): ParsedText => {
    let text = parsedTexts.get(sourceCode);
    if (!text) {
      const sourceFile = core().parseSourceFile(ruleContext.filename, sourceCode.text);
      parsedTexts.set(sourceCode, (text = { sourceFile, nodeAt: core().rangeIndex(sourceFile) }));
    }
    return text;
  };

  const context: AnalysisContext = {
    get sourceFile() {
      return nodeMap ? parsed! : parsedText().sourceFile;
    },
    get checker() {
      if (nodeMap) checker ??= services?.program?.getTypeChecker();
      return checker;
    },
    root: ruleContext.cwd,
  };

  const tsNode = (node: TSESTree.Node, kinds: readonly ts.SyntaxKind[]): ts.Node | undefined => {
    if (!nodeMap) return parsedText().nodeAt(node.range[0], node.range[1], kinds);
    const mapped = nodeMap.get(node);
    return kinds.includes(mapped.kind) ? mapped : undefined;
  };

  return {
    check(detector, node, options) {
      const target = tsNode(node, core().kindsOf(detector));
      if (!target) return;
      for (const finding of core().detect(detector, target, context, options)) report(ruleContext, core(), context.sourceFile, finding);
    },
  };
}

/** Reports a finding with each fix that survives planning as a suggestion: exactly the codemod's edits. */
function report(ruleContext: AnyContext, engine: Engine, sourceFile: ts.SourceFile, finding: Finding): void {
  const { sourceCode } = ruleContext;
  const suggestions = finding.fixes.flatMap((fix) => {
    const { edits, skipped } = engine.planEdits(sourceFile, [fix]);
    return skipped.length > 0 ? [] : [{ fix, edits }];
  });
  const span = engine.reportedSpan(finding, sourceFile);
  ruleContext.report({
    loc: { start: sourceCode.getLocFromIndex(span.start), end: sourceCode.getLocFromIndex(span.end) },
    messageId: finding.messageId,
    data: finding.data,
    suggest: suggestions.map(({ fix, edits }) => ({
      messageId: fix.messageId,
      data: fix.data,
      fix: (fixer: TSESLint.RuleFixer) => edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text)),
    })),
  });
}
