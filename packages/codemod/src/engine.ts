import { type AnalysisContext, type Finding, type Fix, type Review, type TextEdit, type TransformId, applyEdits, markerComment } from '@taskscope/core';
import { ts } from 'ts-morph';

import { core } from './compiler.js';
import { formatMessage } from './message.js';
import type { DetectorUse, MigrationSettings, Transform } from './transforms/index.js';
import { type DetectorRun, createWalk } from './walk.js';

/** Per transform: sites rewritten and review markers inserted. */
export type TransformCounts = Partial<Record<TransformId, { rewritten: number; marked: number }>>;

/** One rewrite: its transform, the line it starts on (in the text that round analysed), and whether a task's signal reaches work that takes one. */
export interface RewriteRecord {
  transform: TransformId;
  line: number;
  delivers: boolean;
}

/** The outcome of migrating one file. `text` is the file's new text (the old one when nothing changed). */
export interface FileMigration {
  text: string;
  changed: boolean;
  counts: TransformCounts;
  rewrites: RewriteRecord[];
  markers: number;
  /** Findings skipped because of a `// taskscope-migrate-ignore` comment. */
  ignored: number;
  /** Fixes and markers that overlapped an earlier fix; a later round (or run) applies them. */
  deferred: number;
}

/**
 * A fix that overlaps another waits for the next round, which analyses the
 * rewritten text (with a new program when typed). See `Migrator.another`.
 */
export const MAX_ROUNDS = 3;

/** Adds `more` into `total`. */
export function addCounts(total: TransformCounts, more: TransformCounts): TransformCounts {
  for (const [id, count] of Object.entries(more) as [TransformId, { rewritten: number; marked: number }][]) {
    const sum = (total[id] ??= { rewritten: 0, marked: 0 });
    sum.rewritten += count.rewritten;
    sum.marked += count.marked;
  }
  return total;
}

/** `next` (a round on `previous.text`) folded into `previous`. */
export function nextRound(previous: FileMigration, next: FileMigration): FileMigration {
  return {
    text: next.text,
    changed: previous.changed || next.changed,
    counts: addCounts(addCounts({}, previous.counts), next.counts),
    rewrites: [...previous.rewrites, ...next.rewrites],
    markers: previous.markers + next.markers,
    ignored: next.ignored,
    deferred: next.deferred,
  };
}

/** What the project's compiler options tell the rewrites (see AnalysisContext). */
export type ProjectFacts = Pick<AnalysisContext, 'reportsUnusedParameters' | 'root'>;

/** A file the engine refused to touch, with the reason. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface Migrator {
  /**
   * Finds every site in `sourceFile` (typed when `checker` is given), plans all
   * edits, applies them once as text and checks that the result still parses.
   * Throws MigrationError when the input or the result has syntax errors.
   */
  migrate(sourceFile: ts.SourceFile, checker: ts.TypeChecker | undefined, project?: ProjectFacts): FileMigration;
  /**
   * Whether a round's text must be analysed again (up to MAX_ROUNDS): fixes
   * were deferred, or a transform that makes new sites rewrote something.
   */
  another(round: FileMigration): boolean;
}

/**
 * The engine shared by the CLI and the jscodeshift entry. The dispatch table
 * (node kind → detectors) is built once; each file is then walked once.
 */
export function createMigrator(selected: readonly Transform[], settings: MigrationSettings = {}): Migrator {
  const runs: DetectorRun[] = [];
  const seen = new Set<DetectorUse['detector']>();
  for (const transform of selected) {
    for (const { detector, options } of transform.detectors) {
      const resolved = options(settings);
      if (resolved === undefined || seen.has(detector)) continue;
      seen.add(detector);
      runs.push({ detector, options: resolved });
    }
  }
  const findingsOf = createWalk(runs);
  const selectedIds = new Set(selected.map((t) => t.id));
  const transformByRule = new Map(selected.flatMap((t) => t.rules.map((rule) => [rule, t.id] as const)));
  const messagesByRule = new Map(runs.map(({ detector }) => [detector.rule, detector.messages] as const));

  // A finding with no codemod rewrite at all and no review of its own would be
  // left behind silently, and the lint would still report it: it gets a marker
  // that says what the lint says.
  const unrewritableReview = (finding: Finding): Review | undefined => {
    const transform = transformByRule.get(finding.rule);
    if (transform === undefined || finding.fixes.some((f) => f.transform !== undefined)) return undefined;
    const message = messagesByRule.get(finding.rule)?.[finding.messageId];
    const reason = message === undefined ? `no automatic rewrite (${finding.rule})` : `${finding.rule}: ${formatMessage(message, finding.data)}`;
    return { transform, reason, node: finding.node };
  };

  /** What the codemod does with each finding: a rewrite, a marker, both, or nothing. */
  const plan = (findings: readonly Finding[], sourceFile: ts.SourceFile) => {
    const rewrites: Rewrite[] = [];
    const markers: Marker[] = [];
    const markedAt = new Set<number>();
    const byEdits = new Map<string, Rewrite>();
    let ignored = 0;
    for (const finding of findings) {
      if (core.isIgnored(sourceFile, finding.node)) {
        ignored++;
        continue;
      }
      // A detector that wants no silent rewrite gives its fixes no transform;
      // one that rewrites and still wants a human look (all-settled, an inspected
      // timeout error) gives both, and both are applied.
      const review = finding.review ?? unrewritableReview(finding);
      const fix = finding.fixes.find((f) => f.transform !== undefined && selectedIds.has(f.transform));
      if (review && selectedIds.has(review.transform)) {
        const edit = core.reviewMarkerEdit(sourceFile, review.node, review.reason);
        // Two findings on one statement share its marker.
        if (edit && !markedAt.has(edit.start)) {
          markedAt.add(edit.start);
          const marked = { start: review.node.getStart(sourceFile), end: review.node.end };
          markers.push({ transform: review.transform, at: edit.start, reason: review.reason, marked, fixKey: fix && editsKey(fix) });
        }
      }
      if (!fix) continue;
      // Findings in one function may share one fix (floating: the body becomes
      // one scope that spawns them all); it is applied once for all of them.
      const key = editsKey(fix);
      const same = byEdits.get(key);
      if (same) {
        same.sites++;
        continue;
      }
      const rewrite: Rewrite = { fix, site: `${finding.node.pos}:${finding.node.end}`, sites: 1 };
      byEdits.set(key, rewrite);
      rewrites.push(rewrite);
    }
    return { rewrites, markers, ignored };
  };

  const reanalysed = selected.filter((t) => t.reanalyseFor?.some((id) => selectedIds.has(id))).map((t) => t.id);

  return {
    another: (round) => round.changed && (round.deferred > 0 || reanalysed.some((id) => (round.counts[id]?.rewritten ?? 0) > 0)),
    migrate(sourceFile, checker, project = {}) {
      const original = sourceFile.text;
      const syntaxError = firstSyntaxError(sourceFile);
      if (syntaxError) throw new MigrationError(`does not parse: ${syntaxError}`);

      const { rewrites, markers, ignored } = plan(findingsOf({ sourceFile, checker, ...project }), sourceFile);
      const { edits, skipped, redundant } = core.planEdits(sourceFile, rewrites.map((r) => r.fix));
      const dropped = new Set(skipped);
      const applied = rewrites.filter((r) => !dropped.has(r.fix) && !redundant.includes(r.fix));
      const fixes = applied.map((r) => r.fix);

      // The import edit (the one no fix owns) goes first, so that what a fix
      // inserts at the same offset (the first statement) stays below it.
      const owned = new Set(fixes.flatMap((f) => f.edits));
      const importEdits = withLineEndingsOf(original, edits.filter((e) => !owned.has(e)));
      const fixEdits = followIndentation(original, fixes, edits.filter((e) => owned.has(e)));
      const rewriteEdits = [...importEdits, ...withLineEndingsOf(original, fixEdits)];
      const rewritten = applyEdits(original, rewriteEdits);

      // A marker on code another finding's fix rewrites judges code that is
      // gone: it waits for the next round, which sees the rewritten code. A
      // re-indentation (a body that became a scope) leaves the code as it was.
      const changesCode = (f: Fix, { start, end }: Marker['marked']) =>
        f.edits.some((e) => start <= e.start && e.end <= end && (e.text.trim() !== '' || original.slice(e.start, e.end).trim() !== ''));
      const current = markers.filter((marker) => !fixes.some((f) => editsKey(f) !== marker.fixKey && changesCode(f, marker.marked)));
      // Markers go into the rewritten text, so they follow a statement that a
      // rewrite moved or re-indented (a function body that became a scope).
      const placed = current.flatMap((marker) => {
        const at = relocate(marker.at, rewriteEdits, new Set(importEdits));
        return at === undefined ? [] : [{ marker, edit: markerEdit(rewritten, at, marker.reason) }];
      });
      const text = applyEdits(rewritten, withLineEndingsOf(original, placed.map((p) => p.edit)));

      const counts: TransformCounts = {};
      const count = (id: TransformId) => (counts[id] ??= { rewritten: 0, marked: 0 });
      for (const { fix, sites } of applied) count(fix.transform!).rewritten += sites;
      for (const { marker } of placed) count(marker.transform).marked++;
      if (text !== original) {
        const error = firstSyntaxError(parseForCheck(sourceFile.fileName, text));
        if (error) throw new MigrationError(`the rewrite (${Object.keys(counts).join(', ')}) would not parse: ${error}; file left untouched`);
      }
      // Two rules may rewrite the same call (no-unbounded-fan-out and
      // no-orphaned-fan-out): the loser is superseded there, not deferred.
      const rewrittenSites = new Set(applied.map((r) => r.site));
      const superseded = rewrites.filter((r) => dropped.has(r.fix) && rewrittenSites.has(r.site)).length;
      const records = applied.map(({ fix }) => ({
        transform: fix.transform!,
        line: sourceFile.getLineAndCharacterOfPosition(Math.min(...fix.edits.map((e) => e.start))).line + 1,
        delivers: fix.delivery !== undefined && fix.delivery !== 'none',
      }));
      return {
        text,
        changed: text !== original,
        counts,
        rewrites: records,
        markers: placed.length,
        ignored,
        deferred: dropped.size - superseded + markers.length - placed.length,
      };
    },
  };
}

interface Rewrite {
  fix: Fix;
  /** The finding's node: two rewrites of one site are alternatives, not a conflict. */
  site: string;
  /** How many findings this fix resolves. */
  sites: number;
}

interface Marker {
  transform: TransformId;
  /** Where the marked statement starts in the original text. */
  at: number;
  reason: string;
  /** The code the marker is about. */
  marked: { start: number; end: number };
  /** The fix of the marker's own finding, if it has one (`editsKey`). */
  fixKey: string | undefined;
}

/** Findings whose fixes make the same edits share one rewrite: this tells them apart. */
function editsKey(fix: Fix): string {
  return JSON.stringify(fix.edits);
}

/**
 * A fix that breaks a line (an array put one element per line, a signal added
 * on its own line) indents the new lines like the line it breaks. When another
 * fix re-indents that line (a body that became a scope), the new lines must
 * move with it: they get the indentation that fix inserts at the line's start.
 */
function followIndentation(text: string, fixes: readonly Fix[], edits: readonly TextEdit[]): TextEdit[] {
  const fixOf = new Map(fixes.flatMap((fix) => fix.edits.map((edit) => [edit, fix] as const)));
  const indentedAt = new Map<number, { fix: Fix | undefined; indent: string }>();
  for (const edit of edits) {
    if (edit.start === edit.end && /^[ \t]+$/.test(edit.text) && (edit.start === 0 || text[edit.start - 1] === '\n')) {
      indentedAt.set(edit.start, { fix: fixOf.get(edit), indent: (indentedAt.get(edit.start)?.indent ?? '') + edit.text });
    }
  }
  if (indentedAt.size === 0) return [...edits];
  return edits.map((edit) => {
    if (!edit.text.includes('\n')) return edit;
    const line = indentedAt.get(text.lastIndexOf('\n', edit.start - 1) + 1);
    if (!line || line.fix === fixOf.get(edit)) return edit;
    return { ...edit, text: edit.text.replace(/\n/g, `\n${line.indent}`) };
  });
}

/**
 * Where offset `at` of the original text is in the text after `edits`, or
 * undefined when an edit replaced text around it. Text inserted exactly at
 * `at` counts as after it (a marker precedes an inserted `await`), except the
 * edits in `before` (the import).
 */
function relocate(at: number, edits: readonly TextEdit[], before: ReadonlySet<TextEdit>): number | undefined {
  let shift = 0;
  for (const edit of edits) {
    if (edit.start < at && at < edit.end) return undefined;
    const insertedAt = edit.start === at && edit.end === at;
    if (edit.end <= at && (!insertedAt || before.has(edit))) shift += edit.text.length - (edit.end - edit.start);
  }
  return at + shift;
}

/** The marker comment on its own lines above `at`, indented like the line it marks. */
function markerEdit(text: string, at: number, reason: string): TextEdit {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, at))![0];
  return { start: at, end: at, text: `${markerComment(reason, indent)}\n${indent}` };
}

/** Edits are written with `\n`; a CRLF file keeps CRLF. */
function withLineEndingsOf(text: string, edits: readonly TextEdit[]): TextEdit[] {
  const newline = text.indexOf('\n');
  if (newline <= 0 || text[newline - 1] !== '\r') return [...edits];
  return edits.map((edit) => ({ ...edit, text: edit.text.replace(/\r?\n/g, '\r\n') }));
}

// JSDoc can't make a file fail to parse, so it is skipped here.
function parseForCheck(fileName: string, text: string): ts.SourceFile {
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  return ts.createSourceFile(fileName, text, options, false, core.scriptKindOf(fileName));
}

/** The file's first syntax error, if any: what typescript-eslint reports as its parsing error. */
export function syntaxErrorOf(sourceFile: ts.SourceFile): { start: number; message: string } | undefined {
  // parseDiagnostics is internal but stable; typescript-eslint reads it the same way.
  const diagnostics = (sourceFile as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics;
  const first = diagnostics?.[0];
  return first && { start: first.start, message: ts.flattenDiagnosticMessageText(first.messageText, '\n') };
}

/** `line:column message` of the file's first syntax error, if any. */
function firstSyntaxError(sourceFile: ts.SourceFile): string | undefined {
  const error = syntaxErrorOf(sourceFile);
  if (!error) return undefined;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(error.start);
  return `${line + 1}:${character + 1} ${error.message}`;
}
