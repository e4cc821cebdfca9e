// Every suggestion, applied alone to its file, must add no diagnostic in the
// file's own program: the typed sweep's rules are wrapped so that, as each file
// finishes, the suggestions they reported are applied one at a time and the
// file typechecked again in typescript-eslint's program (a new program that
// reuses it, with only that file changed), without linting anything twice.
import type { ESLint, Rule } from 'eslint';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

import type ts from 'typescript';

import { compilerOf } from '../../src/util/compiler.js';

export interface SuggestionOutcome {
  /** Relative to the corpus root. */
  file: string;
  line: number;
  rule: string;
  suggestion: string;
  /** Diagnostics the suggestion adds to the file (by code and message), empty when it adds none. */
  added: string[];
}

/** `plugin`'s rules, each reporting as before and typechecking its suggestions into `outcomes`. */
export function withSuggestionCheck(plugin: ESLint.Plugin, root: string, outcomes: SuggestionOutcome[]): ESLint.Plugin {
  const rules = Object.fromEntries(Object.entries(plugin.rules ?? {}).map(([id, rule]) => [id, checked(id, rule as Rule.RuleModule, root, outcomes)]));
  return { ...plugin, rules };
}

interface Reported {
  line: number;
  suggestions: { desc: string; edits: { start: number; end: number; text: string }[] }[];
}

function checked(id: string, rule: Rule.RuleModule, root: string, outcomes: SuggestionOutcome[]): Rule.RuleModule {
  return {
    meta: rule.meta,
    create(context) {
      const reported: Reported[] = [];
      const proxy = Object.create(context, {
        report: {
          value: (descriptor: Rule.ReportDescriptor) => {
            reported.push(recorded(descriptor, context));
            context.report(descriptor);
          },
        },
      }) as Rule.RuleContext;
      const listeners = rule.create(proxy);
      const exit = listeners['Program:exit'] as ((node: unknown) => void) | undefined;
      return {
        ...listeners,
        'Program:exit'(node: unknown) {
          exit?.(node);
          if (reported.some((r) => r.suggestions.length > 0)) outcomes.push(...typecheckEach(id, reported, context, root));
        },
      } as Rule.RuleListener;
    },
  };
}

// The suggestions' edits, read by running each fix against a fixer that records them.
function recorded(descriptor: Rule.ReportDescriptor, context: Rule.RuleContext): Reported {
  const loc = 'loc' in descriptor && descriptor.loc ? descriptor.loc : undefined;
  const line = loc && 'start' in loc ? loc.start.line : 0;
  const suggestions = (descriptor.suggest ?? []).map((suggestion) => {
    const edits: Reported['suggestions'][number]['edits'] = [];
    const fixer = {
      replaceTextRange: ([start, end]: [number, number], text: string) => edits.push({ start, end, text }),
    } as unknown as Rule.RuleFixer;
    suggestion.fix(fixer);
    const desc = 'messageId' in suggestion && suggestion.messageId ? suggestion.messageId : 'desc' in suggestion ? String(suggestion.desc) : '';
    return { desc, edits };
  });
  return { line: line || context.sourceCode.getLocFromIndex(0).line, suggestions };
}

function typecheckEach(rule: string, reported: readonly Reported[], context: Rule.RuleContext, root: string): SuggestionOutcome[] {
  const program = context.sourceCode.parserServices?.program as ts.Program | undefined;
  const sourceFile = program?.getSourceFile(context.filename);
  const compiler = sourceFile && (compilerOf(sourceFile) as typeof ts | undefined);
  if (!program || !sourceFile || !compiler) return [];
  const file = context.filename.slice(root.length + 1).split('\\').join('/');
  let before: string[] | undefined;
  return reported.flatMap((report) =>
    report.suggestions.map((suggestion) => {
      // Copies of one file (a generated client in ten test folders) get the same suggestion: typecheck it once.
      const key = createHash('sha1').update(JSON.stringify([sourceFile.text, program.getCompilerOptions(), suggestion.edits])).digest('hex');
      let added = addedByKey.get(key);
      if (!added) {
        before ??= diagnosticKeys(compiler, program, sourceFile);
        added = addedDiagnostics(compiler, program, sourceFile, suggestion.edits, before);
        addedByKey.set(key, added);
      }
      return { file, line: report.line, rule, suggestion: suggestion.desc, added };
    }),
  );
}

const addedByKey = new Map<string, string[]>();

function addedDiagnostics(compiler: typeof ts, program: ts.Program, sourceFile: ts.SourceFile, edits: Reported['suggestions'][number]['edits'], before: readonly string[]): string[] {
  const after = withFileText(compiler, program, sourceFile, applied(sourceFile.text, edits));
  const remaining = [...before];
  return diagnosticKeys(compiler, after, after.getSourceFile(sourceFile.fileName)!).filter((key) => {
    const at = remaining.indexOf(key);
    // The corpus has no dependencies: a global the file already can't find (`AbortSignal` with no
    // DOM lib or @types/node) is missing for the new code too, and is there once installed.
    if (at === -1) return !(key.startsWith('TS2304:') && before.includes(key));
    remaining.splice(at, 1);
    return false;
  });
}

function applied(text: string, edits: readonly { start: number; end: number; text: string }[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/** The runtime's declarations, which `taskscope` resolves to as if the project had installed it (its `exports`: ESM or CommonJS). */
const runtimeTypes = {
  esm: fileURLToPath(new URL('../../../runtime/dist/esm/index.d.ts', import.meta.url)),
  cjs: fileURLToPath(new URL('../../../runtime/dist/cjs/index.d.ts', import.meta.url)),
};

/**
 * A program like `program` with `sourceFile` holding `text`; every other file
 * is the old program's, and `taskscope` resolves to the runtime (the corpus
 * installs nothing, and a user applying the suggestion would have it).
 */
function withFileText(compiler: typeof ts, program: ts.Program, sourceFile: ts.SourceFile, text: string): ts.Program {
  const options = program.getCompilerOptions();
  const host = compiler.createCompilerHost(options, true);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion) =>
    name === sourceFile.fileName ? compiler.createSourceFile(name, text, languageVersion, true) : (program.getSourceFile(name) ?? read(name, languageVersion));
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, compilerOptions, containing) =>
    literals.map((literal) => {
      const mode = compiler.getModeForUsageLocation(containing, literal, compilerOptions);
      if (literal.text !== 'taskscope') return compiler.resolveModuleName(literal.text, containingFile, compilerOptions, host, undefined, redirected, mode);
      const resolvedFileName = mode === compiler.ModuleKind.CommonJS ? runtimeTypes.cjs : runtimeTypes.esm;
      return { resolvedModule: { resolvedFileName, extension: compiler.Extension.Dts, isExternalLibraryImport: true } };
    });
  return compiler.createProgram({ rootNames: program.getRootFileNames(), options, host, oldProgram: program });
}

// Line numbers move with the edit: a diagnostic is known by its code and message.
function diagnosticKeys(compiler: typeof ts, program: ts.Program, sourceFile: ts.SourceFile): string[] {
  return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)].map(
    (d) => `TS${d.code}: ${compiler.flattenDiagnosticMessageText(d.messageText, ' ')}`,
  );
}
