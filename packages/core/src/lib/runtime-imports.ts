import type * as TS from 'typescript';

import { ts } from './compiler.js';
import { containsNodeSpelling } from './spelling.js';
import type { TextEdit } from './types.js';

/** The module that rewritten code imports from. */
export const RUNTIME_MODULE = 'taskscope';

interface ImportPlan {
  /** Export name → local name, for the file's existing value imports from taskscope. */
  imported: Map<string, string>;
  declaration: TS.ImportDeclaration | undefined;
  /** Where a new import line goes: after an import, right before one, or above the first statement. */
  insertAt: { position: number; next: 'afterImport' | 'beforeImport' | 'aboveCode' };
}

// Keyed by SourceFile, so nothing is shared across files (ESLint workers stay independent).
const plans = new WeakMap<TS.SourceFile, ImportPlan>();

/**
 * The local name to use for a taskscope export in this file: the existing
 * import's alias, the export name when it is free, or `scoped<Name>` when the
 * file already declares that name (a local `map` is common).
 */
export function runtimeName(sourceFile: TS.SourceFile, exportName: string): string {
  const plan = planFor(sourceFile);
  const existing = plan.imported.get(exportName);
  if (existing !== undefined) return existing;
  if (!declaresName(sourceFile, exportName)) return exportName;
  return `scoped${exportName[0]!.toUpperCase()}${exportName.slice(1)}`;
}

/**
 * One edit that makes `exportNames` importable from taskscope: merged into an
 * existing `import { … } from 'taskscope'`, or a new import (see `newImportPosition`).
 * Undefined when nothing is missing.
 */
export function runtimeImportEdit(sourceFile: TS.SourceFile, exportNames: Iterable<string>): TextEdit | undefined {
  const plan = planFor(sourceFile);
  const missing = [...new Set(exportNames)].filter((name) => !plan.imported.has(name)).sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
  if (missing.length === 0) return undefined;
  const specifiers = missing.map((name) => {
    const local = runtimeName(sourceFile, name);
    return local === name ? name : `${name} as ${local}`;
  });

  const bindings = plan.declaration?.importClause?.namedBindings;
  if (bindings && ts.isNamedImports(bindings)) {
    const last = bindings.elements[bindings.elements.length - 1];
    if (last) {
      const trailingComma = bindings.elements.hasTrailingComma;
      const at = trailingComma ? bindings.elements.end + 1 : last.end;
      return { start: at, end: at, text: `${trailingComma ? ' ' : ', '}${specifiers.join(', ')}${trailingComma ? ',' : ''}` };
    }
  }

  const quote = quoteStyle(sourceFile);
  const line = `import { ${specifiers.join(', ')} } from ${quote}${RUNTIME_MODULE}${quote}${endsStatementsWithSemicolons(sourceFile) ? ';' : ''}`;
  const { position, next } = plan.insertAt;
  const text = next === 'afterImport' ? `\n${line}` : next === 'beforeImport' ? `${line}\n` : `${line}\n\n`;
  return { start: position, end: position, text };
}

const declaredByFile = new WeakMap<TS.SourceFile, Map<string, boolean>>();

/**
 * Whether the file declares `name` anywhere (a variable, parameter, function,
 * class, import…), other than as a local of its taskscope import: a name a new
 * import must not shadow, and one a global can't be read through.
 */
export function declaresName(sourceFile: TS.SourceFile, name: string): boolean {
  let byName = declaredByFile.get(sourceFile);
  if (!byName) declaredByFile.set(sourceFile, (byName = new Map()));
  let declared = byName.get(name);
  if (declared === undefined) {
    const importedLocally = [...planFor(sourceFile).imported.values()].includes(name);
    declared =
      !importedLocally &&
      containsNodeSpelling(sourceFile, name, sourceFile, (node) => {
        const declaredName = (node as { name?: TS.Node }).name;
        return declaredName !== undefined && ts.isIdentifier(declaredName) && declaredName.text === name && isDeclarationWithName(node);
      });
    byName.set(name, declared);
  }
  return declared;
}

function planFor(sourceFile: TS.SourceFile): ImportPlan {
  let plan = plans.get(sourceFile);
  if (!plan) {
    plan = buildPlan(sourceFile);
    plans.set(sourceFile, plan);
  }
  return plan;
}

function buildPlan(sourceFile: TS.SourceFile): ImportPlan {
  const imported = new Map<string, string>();
  let declaration: TS.ImportDeclaration | undefined;
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.moduleSpecifier.text !== RUNTIME_MODULE) continue;
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly) continue;
    const bindings = clause.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    declaration ??= statement;
    for (const element of bindings.elements) {
      if (element.isTypeOnly) continue;
      imported.set((element.propertyName ?? element.name).text, element.name.text);
    }
  }
  return { imported, declaration, insertAt: newImportPosition(sourceFile) };
}

/**
 * Where a new `import … from 'taskscope'` goes: among the package imports in
 * their order when the file keeps them sorted (as import-sorting lint rules
 * require), else after the last import, else before the first statement.
 */
function newImportPosition(sourceFile: TS.SourceFile): ImportPlan['insertAt'] {
  const imports = sourceFile.statements.filter(ts.isImportDeclaration);
  const lastImport = imports.at(-1);
  if (!lastImport) return { position: firstStatementStart(sourceFile), next: 'aboveCode' };
  const packages = imports.filter((i) => i.importClause && ts.isStringLiteral(i.moduleSpecifier) && !/^[./]/.test(i.moduleSpecifier.text));
  const names = packages.map((i) => (i.moduleSpecifier as TS.StringLiteral).text);
  const sorted = names.length >= 2 && names.every((name, k) => k === 0 || compareModules(names[k - 1]!, name) <= 0);
  if (!sorted) return { position: lastImport.end, next: 'afterImport' };
  const following = packages.find((_, k) => compareModules(names[k]!, RUNTIME_MODULE) > 0);
  if (!following) return { position: packages.at(-1)!.end, next: 'afterImport' };
  const previous = imports[imports.indexOf(following) - 1];
  return previous ? { position: previous.end, next: 'afterImport' } : { position: following.getStart(sourceFile), next: 'beforeImport' };
}

function compareModules(a: string, b: string): number {
  return a.localeCompare(b, 'en', { sensitivity: 'base' });
}

function isDeclarationWithName(node: TS.Node): boolean {
  return (
    ts.isVariableDeclaration(node) ||
    ts.isFunctionDeclaration(node) ||
    ts.isClassDeclaration(node) ||
    ts.isParameter(node) ||
    ts.isImportSpecifier(node) ||
    ts.isImportClause(node) ||
    ts.isNamespaceImport(node) ||
    ts.isImportEqualsDeclaration(node) ||
    ts.isBindingElement(node) ||
    ts.isEnumDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isClassExpression(node)
  );
}

const quotesByFile = new WeakMap<TS.SourceFile, "'" | '"'>();
// Asked once per suggestion: a file with many findings would rescan its statements for each.
const semicolonsByFile = new WeakMap<TS.SourceFile, boolean>();

/** Whether the file ends its statements with `;`: the first few statements tell (a file without any: yes). */
function endsStatementsWithSemicolons(sourceFile: TS.SourceFile): boolean {
  let semicolons = semicolonsByFile.get(sourceFile);
  if (semicolons !== undefined) return semicolons;
  const sample: TS.Statement[] = [];
  for (const s of sourceFile.statements) {
    if (sample.length === 8) break;
    if (ts.isImportDeclaration(s) || ts.isExpressionStatement(s) || ts.isVariableStatement(s)) sample.push(s);
  }
  semicolons = sample.length === 0 || sample.filter((s) => sourceFile.text[s.end - 1] === ';').length * 2 >= sample.length;
  semicolonsByFile.set(sourceFile, semicolons);
  return semicolons;
}

/** The file's quote style, read from its first string literal (single quotes when it has none). */
function quoteStyle(sourceFile: TS.SourceFile): "'" | '"' {
  let quote = quotesByFile.get(sourceFile);
  if (quote) return quote;
  const visit = (node: TS.Node): boolean => {
    if (ts.isStringLiteral(node)) {
      const first = sourceFile.text[node.getStart(sourceFile)];
      if (first === '"' || first === "'") quote = first;
      return true;
    }
    return ts.forEachChild(node, visit) ?? false;
  };
  visit(sourceFile);
  quote ??= "'";
  quotesByFile.set(sourceFile, quote);
  return quote;
}

// After a shebang, leading comments and directive prologue ('use strict').
function firstStatementStart(sourceFile: TS.SourceFile): number {
  const directives = sourceFile.statements.filter(
    (s) => ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression),
  );
  const first = sourceFile.statements[directives.length];
  if (!first) {
    const lastDirective = directives[directives.length - 1];
    return lastDirective ? lastDirective.end : sourceFile.text.length;
  }
  return first.getStart(sourceFile);
}
