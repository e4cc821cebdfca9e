// The README's setup, as the matrix runs it: each block the README marks with
// `<!-- setup:<name> -->` above its fence is read from README.md as it is, so
// the commands a user copies and the ones tested cannot drift apart.
import { readFileSync } from 'node:fs';

import { repoRoot } from './pack.js';

const readme = () => readFileSync(`${repoRoot}README.md`, 'utf8');

/** The text of the fenced block under `<!-- setup:<name> -->`, its indentation (inside a list) removed. */
export function setupBlock(name: string, text = readme()): string {
  const marker = `<!-- setup:${name} -->`;
  const at = text.indexOf(marker);
  if (at === -1) throw new Error(`README.md has no ${marker}`);
  const fence = /^([ \t]*)```[^\n]*\n([\s\S]*?)^\1```/m.exec(text.slice(at + marker.length));
  if (!fence) throw new Error(`README.md: no fenced block after ${marker}`);
  const indent = fence[1]!;
  return fence[2]!
    .split('\n')
    .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n');
}

/** The block's package installs (`npm i …`, `npm i -D …`), each as its words; other commands and comments left out. */
export function installCommands(name: string, text = readme()): string[][] {
  return setupBlock(name, text)
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => /^npm (i|install)\b/.test(line))
    .map((line) => line.split(/\s+/));
}
