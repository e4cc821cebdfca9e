// Installs the workspace with the pinned pnpm when the lockfile or a manifest
// changed since the last install, so the Quick start works on a machine that has
// only Node and npm. A second run is a no-op that costs a few milliseconds.
// The install says one line; its own output is shown only when it fails.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
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

const started = Date.now();
process.stderr.write(`taskscope: installing the workspace's dependencies with ${pnpm} … `);
// No update notifier: a first-time user is not to be told to pipe an install script into a shell.
const env = { ...process.env, npm_config_update_notifier: 'false' };
const install = spawnSync('npx', ['--yes', pnpm, 'install', '--frozen-lockfile', '--reporter=append-only'], { cwd: root, env, encoding: 'utf8' });
if (install.status !== 0) {
  process.stderr.write(`failed (${install.error?.message ?? `exit ${install.status}`}):\n${install.stdout ?? ''}${install.stderr ?? ''}`);
  process.exit(1);
}
process.stderr.write(`done in ${Math.round((Date.now() - started) / 1000)} s\n`);
writeFileSync(stampFile, stamp);
