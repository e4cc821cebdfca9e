#!/usr/bin/env node
// What a VS Code user waits for: diagnostics after an edit, typed, through
// vscode-eslint's own language server (`vscode-eslint-language-server`, from the
// npm package vscode-langservers-extracted) driven over stdio as the editor
// drives it. Two configurations side by side, in one run:
//
//   taskscope:         configs.recommended;
//   typescript-eslint: no-floating-promises + no-misused-promises;
//
// both typed (parserOptions.projectService), in the same workspace, on a file
// of 300 and one of 2,000 lines. Each edit inserts a line (the program must
// update), then asks for the file's diagnostics (LSP pull diagnostics, what VS
// Code asks after a change) and times the answer. The two servers are edited
// in turn, so both see the same machine load; the medians of the measured
// edits and their ratio are printed, in wall time and (on Linux, from /proc)
// in the server's CPU time, which a busy machine disturbs less.
//
//   node bench/editor.bench.mjs [--edits N] [--warmup N] [--lines 300,2000] [--profile] [--keep]
//
// --keep leaves the two workspaces in the temp folder (their path is printed),
// to profile one configuration there (`node --cpu-prof`).
//
// --profile also splits each configuration's time per edit into parsing (which
// includes typescript-eslint's program update) and each rule, from ESLint's
// `stats`, with the same ESLint API calls the server makes (`lintText`).
//
// Needs the built plugin (`pnpm build`) and, once, the registry (npx fetches the
// server; later runs use npm's cache, offline).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const SERVER_PACKAGE = 'vscode-langservers-extracted@4.10.0';
const root = join(import.meta.dirname, '..');
const pluginDir = join(root, 'packages/eslint-plugin');
// ESLint, typescript-eslint and TypeScript are the plugin's dev dependencies, not the root's.
const fromPlugin = createRequire(join(pluginDir, 'package.json'));

const CONFIGS = {
  taskscope: `import tseslint from 'typescript-eslint';
import taskscope from 'eslint-plugin-taskscope';

export default [
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  taskscope.configs.recommended,
];
`,
  'typescript-eslint': `import tseslint from 'typescript-eslint';

export default [
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  {
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { '@typescript-eslint/no-floating-promises': 'error', '@typescript-eslint/no-misused-promises': 'error' },
  },
];
`,
};

const { values: args } = parseArgs({
  options: {
    edits: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    lines: { type: 'string', default: '300,2000' },
    profile: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const EDITS = Number(args.edits);
const WARMUP = Number(args.warmup);
const SIZES = args.lines.split(',').map(Number);

// --- the workspace -------------------------------------------------------------

/**
 * One folder per configuration, each with the same sources: a tsconfig over
 * src/, the edited files, and node_modules linking the repository's ESLint,
 * typescript-eslint, TypeScript and built plugin (as a project's install would).
 */
function workspace(base, name) {
  const dir = join(base, name);
  mkdirSync(join(dir, 'src'), { recursive: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  const link = (pkg, target) => symlinkSync(target, join(dir, 'node_modules', pkg), 'dir');
  for (const pkg of ['eslint', 'typescript-eslint', 'typescript']) link(pkg, packageDir(pkg));
  link('eslint-plugin-taskscope', pluginDir);
  writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(join(dir, 'eslint.config.mjs'), CONFIGS[name]);
  const tsconfig = { compilerOptions: { strict: true, target: 'es2022', module: 'nodenext', lib: ['es2023', 'dom'], noEmit: true, skipLibCheck: true }, include: ['src'] };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  for (const lines of SIZES) writeFileSync(join(dir, 'src', fileName(lines)), source(lines));
  return dir;
}

function packageDir(name) {
  // The folder that holds the package's package.json, wherever pnpm put it.
  const entry = fromPlugin.resolve(`${name}/package.json`);
  return entry.slice(0, -'/package.json'.length);
}

const fileName = (lines) => `service-${lines}.ts`;

/**
 * About `lines` lines of service code: types, async functions that fetch, fan
 * out, race and iterate, and the odd floating call or dropped signal (what both
 * configurations look at), in blocks of about 40 lines.
 */
function source(lines) {
  const out = ['// Generated by bench/editor.bench.mjs.', ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `export interface Record${i} { id: string; owner: string; total: number; tags: string[] }`,
      '',
      `export async function load${i}(id: string, signal?: AbortSignal): Promise<Record${i}> {`,
      `  const response = await fetch(\`/api/records/${i}/\${id}\`, { signal });`,
      `  if (!response.ok) throw new Error(\`record \${id}: HTTP \${response.status}\`);`,
      `  return (await response.json()) as Record${i};`,
      '}',
      '',
      `export async function loadMany${i}(ids: string[], signal: AbortSignal): Promise<Record${i}[]> {`,
      `  return Promise.all(ids.map((id) => load${i}(id)));`,
      '}',
      '',
      `export async function totals${i}(ids: string[]): Promise<number> {`,
      '  let sum = 0;',
      `  for (const record of await loadMany${i}(ids, AbortSignal.timeout(5_000))) sum += record.total;`,
      '  return sum;',
      '}',
      '',
      `export async function audit${i}(record: Record${i}): Promise<void> {`,
      `  await fetch('/api/audit', { method: 'POST', body: JSON.stringify({ id: record.id, owner: record.owner }) });`,
      '}',
      '',
      `export async function save${i}(record: Record${i}): Promise<void> {`,
      `  audit${i}(record);`,
      `  await fetch(\`/api/records/${i}/\${record.id}\`, { method: 'PUT', body: JSON.stringify(record) });`,
      '}',
      '',
      `export async function tagAll${i}(records: Record${i}[], tag: string): Promise<void> {`,
      '  records.forEach(async (record) => {',
      `    await save${i}({ ...record, tags: [...record.tags, tag] });`,
      '  });',
      '}',
      '',
      `export function summary${i}(records: Record${i}[]): string {`,
      "  const owners = new Set(records.map((r) => r.owner));",
      '  return `${records.length} records, ${owners.size} owners`;',
      '}',
      '',
    );
  }
  return `${out.join('\n')}\n`;
}

// --- the client ------------------------------------------------------------------

/** The server's script, fetched by npx into npm's cache once, then found there offline. */
function serverScript() {
  const bin = execFileSync('npx', ['--yes', '--prefer-offline', `--package=${SERVER_PACKAGE}`, '--', 'sh', '-c', 'command -v vscode-eslint-language-server'], { encoding: 'utf8' });
  return bin.trim();
}

/** CPU milliseconds a process has used (user + system), from /proc; undefined elsewhere. */
function cpuMs(pid) {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return undefined;
  // The fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** USER_HZ: 100 on every Linux build that matters. */
const CLOCK_TICKS = 100;

/** A language server over stdio: JSON-RPC with Content-Length framing; answers the server's own requests. */
class Client {
  constructor(dir, script) {
    this.dir = dir;
    this.nextId = 1;
    this.pending = new Map();
    this.buffer = Buffer.alloc(0);
    // Run by node directly, so its CPU time is this process's and not npx's.
    this.server = spawn(process.execPath, [script, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
    this.server.stdout.on('data', (chunk) => this.receive(chunk));
    this.exited = new Promise((resolve) => this.server.on('exit', resolve));
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end === -1) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString());
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.handle(message);
    }
  }

  handle(message) {
    if (message.id !== undefined && message.method === undefined) {
      const { resolve, reject } = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) reject(new Error(message.error.message));
      else resolve(message.result);
    } else if (message.id !== undefined) {
      // workspace/configuration asks for the settings; registrations and progress need only an answer.
      const result = message.method === 'workspace/configuration' ? message.params.items.map(() => this.settings()) : null;
      this.send({ jsonrpc: '2.0', id: message.id, result });
    } else if (message.method === 'window/logMessage' && message.params.type === 1) {
      console.error(`server: ${message.params.message}`);
    }
  }

  /** vscode-eslint's settings as VS Code sends them, flat config on. */
  settings() {
    return {
      validate: 'on',
      packageManager: 'npm',
      useESLintClass: false,
      useFlatConfig: true,
      experimental: { useFlatConfig: false },
      codeAction: { disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' }, showDocumentation: { enable: true } },
      codeActionOnSave: { enable: false, mode: 'all' },
      format: false,
      quiet: false,
      onIgnoredFiles: 'off',
      options: {},
      rulesCustomizations: [],
      run: 'onType',
      problems: { shortenToSingleLine: false },
      nodePath: null,
      workspaceFolder: { name: 'bench', uri: pathToFileURL(this.dir).href },
    };
  }

  send(message) {
    const body = JSON.stringify(message);
    this.server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  async start() {
    const uri = pathToFileURL(this.dir).href;
    await this.request('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'bench' }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { diagnostic: { dynamicRegistration: false } } },
    });
    this.notify('initialized', {});
  }

  async stop() {
    await this.request('shutdown', null);
    this.notify('exit', null);
    await this.exited;
  }
}

/** An open file in one server: each edit inserts a line before the last one and times the diagnostics that follow. */
class Document {
  constructor(client, lines) {
    this.client = client;
    this.uri = pathToFileURL(join(client.dir, 'src', fileName(lines))).href;
    this.text = source(lines);
    this.version = 1;
    client.notify('textDocument/didOpen', { textDocument: { uri: this.uri, languageId: 'typescript', version: 1, text: this.text } });
  }

  async diagnostics() {
    const report = await this.client.request('textDocument/diagnostic', { textDocument: { uri: this.uri } });
    return report.items;
  }

  /** Milliseconds from the change to its diagnostics: wall, and the server's CPU. */
  async edit() {
    this.text = this.text.replace(/\n$/, `\nexport const edit${this.version} = ${this.version};\n`);
    const { pid } = this.client.server;
    const cpu = cpuMs(pid);
    const started = performance.now();
    this.client.notify('textDocument/didChange', { textDocument: { uri: this.uri, version: ++this.version }, contentChanges: [{ text: this.text }] });
    const items = await this.diagnostics();
    const wall = performance.now() - started;
    if (items.length === 0) throw new Error(`${this.uri}: no diagnostics; the configuration did not load (run \`pnpm build\` first?)`);
    return { wall, cpu: cpu === undefined ? undefined : cpuMs(pid) - cpu };
  }
}

// --- --profile: where the time of an edit goes ------------------------------------------

/** Per edit, ESLint's own split (`stats`): parsing (with the program update) and each rule, via `lintText` as the server calls it. */
async function profile(dir, lines) {
  const { ESLint } = fromPlugin('eslint');
  const eslint = new ESLint({ cwd: dir, stats: true });
  const filePath = join(dir, 'src', fileName(lines));
  let text = source(lines);
  const samples = [];
  for (let edit = 0; edit < WARMUP + EDITS; edit++) {
    text = text.replace(/\n$/, `\nexport const profiled${edit} = ${edit};\n`);
    const started = performance.now();
    const [result] = await eslint.lintText(text, { filePath });
    const wall = performance.now() - started;
    const pass = result.stats.times.passes[0];
    const rules = Object.fromEntries(Object.entries(pass.rules ?? {}).map(([rule, time]) => [rule, time.total]));
    if (edit >= WARMUP) samples.push({ wall, parse: pass.parse.total, rules });
  }
  const of = (pick) => median(samples.map(pick));
  const ruleNames = Object.keys(samples[0].rules);
  return { wall: of((s) => s.wall), parse: of((s) => s.parse), rules: Object.fromEntries(ruleNames.map((r) => [r, of((s) => s.rules[r])])) };
}

// --- the run ------------------------------------------------------------------------

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ms = (value) => `${Math.round(value).toLocaleString('en-US')} ms`;

async function main() {
  const base = mkdtempSync(join(tmpdir(), 'taskscope-editor-bench-'));
  const names = Object.keys(CONFIGS);
  const dirs = Object.fromEntries(names.map((name) => [name, workspace(base, name)]));
  const script = serverScript();
  console.log(`bench:editor: vscode-eslint-language-server (${SERVER_PACKAGE}), typed, ${EDITS} measured edits after ${WARMUP} warm-up ones, median`);
  try {
    for (const lines of SIZES) {
      const clients = names.map((name) => new Client(dirs[name], script));
      await Promise.all(clients.map((client) => client.start()));
      const documents = clients.map((client) => new Document(client, lines));
      // The first diagnostics load ESLint, the config and the program: not an edit.
      for (const document of documents) await document.diagnostics();
      const times = names.map(() => []);
      for (let edit = 0; edit < WARMUP + EDITS; edit++) {
        for (const [index, document] of documents.entries()) {
          const time = await document.edit();
          if (edit >= WARMUP) times[index].push(time);
        }
      }
      await Promise.all(clients.map((client) => client.stop()));
      const [ours, theirs] = times.map((samples) => median(samples.map((s) => s.wall)));
      console.log(`  ${String(lines).padStart(5)} lines, wall: taskscope ${ms(ours).padStart(9)}, typescript-eslint ${ms(theirs).padStart(9)}, ratio ${(ours / theirs).toFixed(2)}x`);
      if (times[0][0].cpu !== undefined) {
        const [oursCpu, theirsCpu] = times.map((samples) => median(samples.map((s) => s.cpu)));
        console.log(`  ${String(lines).padStart(5)} lines, CPU:  taskscope ${ms(oursCpu).padStart(9)}, typescript-eslint ${ms(theirsCpu).padStart(9)}, ratio ${(oursCpu / theirsCpu).toFixed(2)}x`);
      }
      if (args.profile) {
        for (const name of names) {
          const split = await profile(dirs[name], lines);
          const rules = Object.entries(split.rules).map(([rule, time]) => `${rule} ${ms(time)}`).join(', ');
          console.log(`         ${name}: lintText ${ms(split.wall)}: parsing and program update ${ms(split.parse)}; ${rules}`);
        }
      }
    }
  } finally {
    if (args.keep) console.log(`  the workspaces are kept in ${base}`);
    else rmSync(base, { recursive: true, force: true });
  }
}

await main();
