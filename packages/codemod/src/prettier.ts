// Migrated files look like the project wrote them: where the project formats
// with Prettier, what the migration changed is formatted with the project's own
// Prettier and config, resolved from the file, never a copy of our own: the
// whole file when it was Prettier-clean before, else only the changed ranges,
// so the rest of the diff stays the project's own. Prettier's API is
// asynchronous and the migration is not, so one child process formats a batch
// of files.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

import { diffLines } from 'diff';

export interface Formattable {
  /** Absolute path, which Prettier's config and parser are chosen by. */
  path: string;
  original: string;
  text: string;
}

/**
 * The child: for each file whose project's Prettier finds a config, `text`
 * formatted whole if `original` passes its check, else range by range (the
 * last first, so the offsets of those before it still hold, dropping those a
 * widened range already covered).
 */
const formatter = `
const input = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const out = {};
(async () => {
  for (const { path, original, text, ranges, prettier } of input) {
    try {
      // Resolved as require would, Prettier 3 is its CommonJS build: imported, its API is the default export.
      const loaded = await import(prettier);
      const api = typeof loaded.format === 'function' ? loaded : loaded.default;
      const options = await api.resolveConfig(path, { editorconfig: true });
      if (options === null) continue;
      const info = await api.getFileInfo(path, { ignorePath: undefined });
      if (info.ignored) continue;
      const withPath = { ...options, filepath: path };
      if (await api.check(original, withPath)) {
        out[path] = await api.format(text, withPath);
        continue;
      }
      let formatted = text;
      let pending = [...ranges];
      while (pending.length > 0) {
        const [rangeStart, rangeEnd] = pending.pop();
        const next = await api.format(formatted, { ...withPath, rangeStart, rangeEnd });
        // Prettier widens a range to whole statements: one that reached back over earlier ranges formatted them too.
        let same = 0;
        while (same < rangeStart && next[same] === formatted[same]) same++;
        pending = pending.filter(([, end]) => end <= same);
        formatted = next;
      }
      // Prettier makes a range's line endings LF (unless the config says otherwise): the file keeps its own.
      out[path] = original.includes('\\r\\n') ? formatted.replace(/\\r?\\n/g, '\\r\\n') : formatted;
    } catch {}
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

/**
 * The formatted texts of the files whose project has Prettier (resolvable from
 * the file, with a config): whole where the file was Prettier-clean before the
 * migration, else in the ranges it changed; the others are left out. Never
 * throws: a project whose Prettier fails keeps the migration's own layout.
 */
export function formatWithProjectPrettier(files: readonly Formattable[]): Map<string, string> {
  const items = files.flatMap((file) => {
    const prettier = prettierOf(file.path);
    return prettier ? [{ ...file, ranges: changedRanges(file.original, file.text), prettier }] : [];
  });
  if (items.length === 0) return new Map();
  const result = spawnSync(process.execPath, ['--input-type=commonjs', '-e', formatter], {
    input: JSON.stringify(items),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  if (result.status !== 0 || !result.stdout) return new Map();
  try {
    return new Map(Object.entries(JSON.parse(result.stdout) as Record<string, string>));
  } catch {
    return new Map();
  }
}

/** The URL of the Prettier the file's project would use, if it has one. */
function prettierOf(file: string): string | undefined {
  try {
    return pathToFileURL(createRequire(file).resolve('prettier')).href;
  } catch {
    return undefined;
  }
}

/** `[start, end)` in `text` of each run of lines that `original` does not have, in order. */
export function changedRanges(original: string, text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let at = 0;
  for (const change of diffLines(original, text)) {
    if (change.removed) continue;
    const end = at + change.value.length;
    if (change.added) ranges.push([at, end]);
    at = end;
  }
  return ranges;
}
