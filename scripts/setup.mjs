// Installs the workspace with the pinned pnpm when the lockfile or a manifest
// changed since the last install, so the Quick start works on a machine that has
// only Node and npm. A second run is a no-op that costs a few milliseconds.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const pnpm = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager;
const stampFile = join(root, 'node_modules', '.taskscope-setup');

const inputs = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml'];
for (const group of ['packages', 'fixtures']) {
  for (const name of readdirSync(join(root, group))) inputs.push(join(group, name, 'package.json'));
}
const hash = createHash('sha256');
for (const file of inputs) {
  const path = join(root, file);
  if (existsSync(path)) hash.update(file).update(readFileSync(path));
}
const stamp = hash.digest('hex');

if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) process.exit(0);

console.error(`taskscope: installing the workspace with ${pnpm} …`);
execFileSync('npx', ['--yes', pnpm, 'install', '--frozen-lockfile', '--reporter=append-only'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});
writeFileSync(stampFile, stamp);
