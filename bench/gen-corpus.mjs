#!/usr/bin/env node
// Writes a deterministic corpus of realistic TypeScript files (plus tsconfig.json)
// for the lint and codemod benchmarks. Most files are ordinary code with no
// concurrency; the rest are service modules with the fan-outs, races, settled
// calls, async callbacks, floating calls and signal handling the rules look at,
// JSX components, and files that already use taskscope.
//
//   node bench/gen-corpus.mjs [dir] [--files N] [--seed S]
//
// `generateCorpus()` is the same thing as a function; `ensureCorpus()` skips the
// work when the directory already holds that corpus.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(import.meta.dirname, '..');

/** Bumped when the output changes, so that callers can tell a stale corpus. */
export const CORPUS_VERSION = 1;
export const DEFAULT_CORPUS_DIR = join(root, '.bench/corpus');

const ENTITIES = [
  'order', 'invoice', 'product', 'shipment', 'account', 'payment', 'review', 'ticket', 'report', 'session',
  'customer', 'warehouse', 'coupon', 'subscription', 'notification', 'message', 'team', 'project', 'task', 'user',
];

/**
 * Writes `files` source files under `dir/src` plus `dir/tsconfig.json` (which
 * maps `taskscope` to the runtime's source) and `dir/corpus.json`. Removes
 * whatever `dir` held before. Same options, same bytes.
 */
export function generateCorpus(dir = DEFAULT_CORPUS_DIR, { files = 1000, seed = 1 } = {}) {
  const target = resolve(dir);
  rmSync(target, { recursive: true, force: true });
  const random = mulberry32(seed);
  const registry = { models: [], utils: [], services: [] };
  const written = [];

  for (let i = 0; i < files; i++) {
    const kind = kindOf(i, random);
    const entity = ENTITIES[i % ENTITIES.length];
    const file = TEMPLATES[kind]({ i, entity, E: capitalize(entity), random, registry });
    writeSource(target, file.path, file.text);
    written.push(file.path);
  }

  writeSource(target, 'src/jsx.d.ts', JSX_TYPES);
  const runtime = relative(target, join(root, 'packages/runtime/src/index.ts')).split('\\').join('/');
  writeSource(target, 'tsconfig.json', `${JSON.stringify(tsconfig(runtime), null, 2)}\n`);
  writeSource(target, 'corpus.json', `${JSON.stringify({ version: CORPUS_VERSION, files, seed }, null, 2)}\n`);
  return { dir: target, files: written };
}

/** Generates the corpus unless `dir` already holds one made with these options by this version, or holds anything else (a real project is linted as it is). Returns whether it did. */
export function ensureCorpus(dir = DEFAULT_CORPUS_DIR, { files = 1000, seed = 1 } = {}) {
  const manifest = join(dir, 'corpus.json');
  const current = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')) : undefined;
  if (current?.version === CORPUS_VERSION && current.files === files && current.seed === seed) return false;
  // Never write over a directory that is not a corpus of ours: a real project passed as --corpus is measured as it is.
  if (!current && existsSync(dir) && readdirSync(dir).length > 0) return false;
  generateCorpus(dir, { files, seed });
  return true;
}

function tsconfig(runtimePath) {
  return {
    compilerOptions: {
      target: 'es2022',
      lib: ['es2023', 'dom', 'esnext.disposable'],
      module: 'esnext',
      moduleResolution: 'bundler',
      types: [],
      strict: true,
      jsx: 'preserve',
      noEmit: true,
      skipLibCheck: true,
      paths: { taskscope: [runtimePath] },
    },
    include: ['src'],
  };
}

// A minimal JSX namespace, so the .tsx files typecheck without React.
const JSX_TYPES = `declare namespace JSX {
  type Element = { readonly type: unknown; readonly props: unknown };
  interface IntrinsicElements {
    [tag: string]: Record<string, unknown>;
  }
  interface ElementChildrenAttribute {
    children: unknown;
  }
  interface IntrinsicAttributes {
    key?: string | number;
  }
}
`;

function writeSource(dir, path, text) {
  const full = join(dir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
}

/** The first files are models and utilities, so that every later file has something to import. */
function kindOf(i, random) {
  if (i < ENTITIES.length) return 'model';
  if (i < 2 * ENTITIES.length) return 'util';
  if (i < 3 * ENTITIES.length) return 'service';
  return weighted(random, {
    model: 14, util: 18, reducer: 10, repository: 9, config: 5, service: 25, component: 11, scoped: 8,
  });
}

// --- randomness ------------------------------------------------------------

function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted(random, weights) {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  let roll = random() * total;
  for (const [key, weight] of Object.entries(weights)) {
    roll -= weight;
    if (roll < 0) return key;
  }
  return Object.keys(weights)[0];
}

const pick = (random, items) => items[Math.floor(random() * items.length)];
const chance = (random, p) => random() < p;

/** `count` distinct items in a stable order. */
function sample(random, items, count) {
  const pool = [...items];
  const out = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return out;
}

const capitalize = (word) => word[0].toUpperCase() + word.slice(1);

// --- shared bits of the templates ---------------------------------------------

/** An import line; about one file in six uses double quotes, as mixed codebases do. */
function importLine(ctx, names, from, { typeOnly = false } = {}) {
  const q = ctx.i % 6 === 5 ? '"' : "'";
  return `import ${typeOnly ? 'type ' : ''}{ ${names.join(', ')} } from ${q}${from}${q};`;
}

/** The import specifier of `to` as seen from `from` (both corpus paths, no extension). */
function specifier(from, to) {
  const path = relative(dirname(from), to).split('\\').join('/').replace(/\.tsx?$/, '');
  return path.startsWith('.') ? path : `./${path}`;
}

/** One of the files registered so far, picked among the most recent ones so imports stay local-ish. */
function recent(ctx, list) {
  return list.length ? list[Math.max(0, list.length - 1 - Math.floor(ctx.random() * Math.min(40, list.length)))] : undefined;
}

/** A registered file of this file's entity (an order service uses the order model), else a recent one. */
function related(ctx, list) {
  return recent(ctx, list.filter((file) => file.entity === ctx.entity)) ?? recent(ctx, list);
}

// --- templates ---------------------------------------------------------------

const TEMPLATES = {
  model(ctx) {
    const { i, entity, E, random } = ctx;
    const path = `src/${entity}/model-${i}.ts`;
    const T = `${E}${i}`;
    const extra = sample(random, [
      ['amount', 'number', 'Number(raw.amount ?? 0)'],
      ['ownerId', 'string | undefined', "typeof raw.ownerId === 'string' ? raw.ownerId : undefined"],
      ['priority', "'low' | 'normal' | 'high'", "raw.priority === 'high' || raw.priority === 'low' ? raw.priority : 'normal'"],
      ['version', 'number', 'Number(raw.version ?? 1)'],
      ['notes', 'string[]', 'Array.isArray(raw.notes) ? raw.notes.map(String) : []'],
    ], 1 + Math.floor(random() * 3));
    const parts = [
      `// Domain model for ${entity}s, as the API returns them.`,
      `export type ${T}Status = 'draft' | 'active' | 'archived';`,
      '',
      `export interface ${T} {`,
      '  readonly id: string;',
      '  name: string;',
      `  status: ${T}Status;`,
      '  createdAt: Date;',
      '  tags: string[];',
      ...extra.map(([name, type]) => `  ${name}: ${type};`),
      '}',
      '',
    ];
    if (chance(random, 0.5)) {
      parts.push(`export enum ${T}Kind {`, "  Standard = 'standard',", "  Priority = 'priority',", "  Internal = 'internal',", '}', '');
    }
    parts.push(
      `export function parse${T}(raw: Record<string, unknown>): ${T} {`,
      `  if (typeof raw.id !== 'string') throw new TypeError('${entity}: missing id');`,
      '  return {',
      '    id: raw.id,',
      "    name: String(raw.name ?? ''),",
      "    status: raw.status === 'active' || raw.status === 'archived' ? raw.status : 'draft',",
      '    createdAt: new Date(String(raw.createdAt ?? 0)),',
      '    tags: Array.isArray(raw.tags) ? raw.tags.map(String) : [],',
      ...extra.map(([name, , parse]) => `    ${name}: ${parse},`),
      '  };',
      '}',
      '',
      `export function isActive${T}(value: ${T}): boolean {`,
      "  return value.status === 'active';",
      '}',
      '',
      `export function compare${T}(a: ${T}, b: ${T}): number {`,
      '  return a.createdAt.getTime() - b.createdAt.getTime() || a.name.localeCompare(b.name);',
      '}',
      '',
    );
    if (chance(random, 0.6)) {
      parts.push(
        `export class ${T}Collection implements Iterable<${T}> {`,
        `  readonly #items = new Map<string, ${T}>();`,
        '',
        '  get size(): number {',
        '    return this.#items.size;',
        '  }',
        '',
        `  add(item: ${T}): this {`,
        '    this.#items.set(item.id, item);',
        '    return this;',
        '  }',
        '',
        `  byStatus(status: ${T}Status): ${T}[] {`,
        '    return [...this.#items.values()].filter((item) => item.status === status);',
        '  }',
        '',
        `  *[Symbol.iterator](): Iterator<${T}> {`,
        '    yield* this.#items.values();',
        '  }',
        '}',
        '',
      );
    }
    ctx.registry.models.push({ path, type: T, parse: `parse${T}`, entity });
    return { path, text: parts.join('\n') };
  },

  util(ctx) {
    const { i, random } = ctx;
    const path = `src/util/util-${i}.ts`;
    const extras = sample(random, Object.keys(UTIL_SNIPPETS), 4 + Math.floor(random() * 6));
    const parts = [
      '// Small helpers shared across modules.',
      `export function formatLabel${i}(text: string, max = 40): string {`,
      '  const trimmed = text.trim().replace(/\\s+/g, \' \');',
      "  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;",
      '}',
      '',
      `export function chunk${i}<T>(items: readonly T[], size: number): T[][] {`,
      "  if (size <= 0) throw new RangeError('size must be positive');",
      '  const out: T[][] = [];',
      '  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));',
      '  return out;',
      '}',
      '',
      ...extras.map((name) => UTIL_SNIPPETS[name](i)),
    ];
    ctx.registry.utils.push({ path, formatLabel: `formatLabel${i}`, chunk: `chunk${i}` });
    return { path, text: parts.join('\n') };
  },

  reducer(ctx) {
    const { i, entity, E } = ctx;
    const path = `src/${entity}/state-${i}.ts`;
    const model = related(ctx, ctx.registry.models);
    const T = model.type;
    const text = `${importLine(ctx, [T], specifier(path, model.path), { typeOnly: true })}

// Pure state transitions for the ${entity} screen.
export interface ${E}State${i} {
  readonly items: readonly ${T}[];
  readonly selected: string | null;
  readonly filter: string;
  readonly error?: string;
}

export type ${E}Action${i} =
  | { type: 'loaded'; items: ${T}[] }
  | { type: 'select'; id: string | null }
  | { type: 'filter'; text: string }
  | { type: 'failed'; message: string };

export const initial${E}State${i}: ${E}State${i} = { items: [], selected: null, filter: '' };

export function reduce${E}${i}(state: ${E}State${i}, action: ${E}Action${i}): ${E}State${i} {
  switch (action.type) {
    case 'loaded':
      return { ...state, items: action.items, error: undefined };
    case 'select':
      return { ...state, selected: action.id };
    case 'filter':
      return { ...state, filter: action.text.toLowerCase() };
    case 'failed':
      return { ...state, error: action.message };
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

export function visible${E}s${i}(state: ${E}State${i}): readonly ${T}[] {
  if (!state.filter) return state.items;
  return state.items.filter((item) => item.name.toLowerCase().includes(state.filter) || item.tags.some((tag) => tag === state.filter));
}

export function selected${E}${i}(state: ${E}State${i}): ${T} | undefined {
  return state.items.find((item) => item.id === state.selected);
}
`;
    return { path, text };
  },

  repository(ctx) {
    const { i, entity, E, random } = ctx;
    const path = `src/${entity}/repository-${i}.ts`;
    const model = related(ctx, ctx.registry.models);
    const T = model.type;
    const text = `${importLine(ctx, [T], specifier(path, model.path), { typeOnly: true })}

export interface Storage${i} {
  read(key: string): Promise<string | undefined>;
  write(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

/** Stores ${entity}s as JSON under a prefix; every call is awaited in order. */
export class ${E}Repository${i} {
  private readonly cache = new Map<string, ${T}>();

  constructor(
    private readonly storage: Storage${i},
    private readonly prefix = '${entity}:',
  ) {}

  async get(id: string): Promise<${T} | undefined> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const raw = await this.storage.read(this.prefix + id);
    if (raw === undefined) return undefined;
    const value = JSON.parse(raw, (key, v) => (key === 'createdAt' ? new Date(v) : v)) as ${T};
    this.cache.set(id, value);
    return value;
  }

  async put(value: ${T}): Promise<void> {
    await this.storage.write(this.prefix + value.id, JSON.stringify(value));
    this.cache.set(value.id, value);
  }

  async remove(id: string): Promise<boolean> {
    const existing = await this.get(id);
    if (!existing) return false;
    try {
      await this.storage.remove(this.prefix + id);
      return true;
    } finally {
      this.cache.delete(id);
    }
  }

  async putMany(values: Iterable<${T}>): Promise<number> {
    let count = 0;
    for (const value of values) {
      await this.put(value);
      count++;
    }
    return count;
  }
${chance(random, 0.5) ? `
  static inMemory(): ${E}Repository${i} {
    const data = new Map<string, string>();
    return new ${E}Repository${i}({
      read: async (key) => data.get(key),
      write: async (key, value) => {
        data.set(key, value);
      },
      remove: async (key) => {
        data.delete(key);
      },
    });
  }
` : ''}}
`;
    return { path, text };
  },

  config(ctx) {
    const { i, entity, E, random } = ctx;
    const path = `src/${entity}/config-${i}.ts`;
    const retries = 1 + Math.floor(random() * 5);
    const text = `// Settings for the ${entity} module, read once at startup.
export const ${entity.toUpperCase()}_DEFAULTS_${i} = {
  pageSize: ${10 * (1 + Math.floor(random() * 10))},
  retries: ${retries},
  timeoutMs: ${1000 * (1 + Math.floor(random() * 30))},
  endpoint: 'https://api.example.com/${entity}s',
} as const;

export type ${E}Config${i} = { -readonly [K in keyof typeof ${entity.toUpperCase()}_DEFAULTS_${i}]: (typeof ${entity.toUpperCase()}_DEFAULTS_${i})[K] extends number ? number : string };

export function read${E}Config${i}(env: Record<string, string | undefined>): ${E}Config${i} {
  const number = (name: string, fallback: number): number => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return {
    pageSize: number('${entity.toUpperCase()}_PAGE_SIZE', ${entity.toUpperCase()}_DEFAULTS_${i}.pageSize),
    retries: number('${entity.toUpperCase()}_RETRIES', ${entity.toUpperCase()}_DEFAULTS_${i}.retries),
    timeoutMs: number('${entity.toUpperCase()}_TIMEOUT_MS', ${entity.toUpperCase()}_DEFAULTS_${i}.timeoutMs),
    endpoint: env.${entity.toUpperCase()}_ENDPOINT ?? ${entity.toUpperCase()}_DEFAULTS_${i}.endpoint,
  };
}
`;
    return { path, text };
  },

  service(ctx) {
    const { i, entity, E, random, registry } = ctx;
    const path = `src/${entity}/service-${i}.ts`;
    const model = related(ctx, registry.models);
    const util = recent(ctx, registry.utils);
    const other = recent(ctx, registry.services);
    const T = model.type;
    const names = { i, E, T, entity, parse: model.parse, util, other, fetchOne: `fetch${E}${i}`, list: `list${E}s${i}` };
    const imports = [
      importLine(ctx, [T], specifier(path, model.path), { typeOnly: true }),
      importLine(ctx, [model.parse], specifier(path, model.path)),
      importLine(ctx, [util.chunk, util.formatLabel], specifier(path, util.path)),
    ];
    if (other) imports.push(importLine(ctx, [other.fetchOne], specifier(path, other.path)));
    const snippets = sample(random, Object.keys(SERVICE_SNIPPETS), 3 + Math.floor(random() * 5));
    const text = [
      ...imports,
      '',
      `const BASE_URL = 'https://api.example.com/${entity}s';`,
      '',
      `async function request${i}<T>(path: string, parse: (raw: Record<string, unknown>) => T, signal?: AbortSignal): Promise<T> {`,
      "  const response = await fetch(`${BASE_URL}${path}`, { signal, headers: { accept: 'application/json' } });",
      "  if (!response.ok) throw new Error(`GET ${path} failed: ${response.status}`);",
      '  return parse((await response.json()) as Record<string, unknown>);',
      '}',
      '',
      `export function ${names.fetchOne}(id: string, signal?: AbortSignal): Promise<${T}> {`,
      `  return request${i}(\`/\${encodeURIComponent(id)}\`, ${model.parse}, signal);`,
      '}',
      '',
      `export async function ${names.list}(signal?: AbortSignal): Promise<${T}[]> {`,
      '  const response = await fetch(BASE_URL, { signal });',
      '  const body = (await response.json()) as { items: Record<string, unknown>[] };',
      `  return body.items.map(${model.parse});`,
      '}',
      '',
      ...snippets.map((name) => SERVICE_SNIPPETS[name](names)),
    ].join('\n');
    registry.services.push({ path, entity, fetchOne: names.fetchOne, list: names.list, type: T, modelPath: model.path });
    return { path, text };
  },

  component(ctx) {
    const { i, entity, E, random, registry } = ctx;
    const path = `src/${entity}/view-${i}.tsx`;
    const service = related(ctx, registry.services);
    const util = recent(ctx, registry.utils);
    const T = service.type;
    const asyncHandler = chance(random, 0.4);
    const text = `${importLine(ctx, [T], specifier(path, service.modelPath), { typeOnly: true })}
${importLine(ctx, [service.fetchOne, service.list], specifier(path, service.path))}
${importLine(ctx, [util.formatLabel], specifier(path, util.path))}

export interface ${E}ListProps${i} {
  items: readonly ${T}[];
  selected?: string;
  onSelect(id: string): void;
}

export function ${E}Row${i}({ item, active, onSelect }: { item: ${T}; active: boolean; onSelect(id: string): void }) {
  return (
    <li className={active ? 'row row--active' : 'row'} onClick={() => onSelect(item.id)}>
      <span className="row__name">{${util.formatLabel}(item.name)}</span>
      {item.tags.length > 0 && <span className="row__tags">{item.tags.join(', ')}</span>}
    </li>
  );
}

export function ${E}List${i}({ items, selected, onSelect }: ${E}ListProps${i}) {
  if (items.length === 0) return <p className="empty">No ${entity}s yet.</p>;
  return (
    <ul className="list">
      {items.map((item) => (
        <${E}Row${i} key={item.id} item={item} active={item.id === selected} onSelect={onSelect} />
      ))}
    </ul>
  );
}

export function ${E}Details${i}({ id, onLoaded }: { id: string; onLoaded(item: ${T}): void }) {
${asyncHandler ? `  const reload = async () => {
    onLoaded(await ${service.fetchOne}(id));
  };
  return (
    <section>
      <button type="button" onClick={reload}>
        Reload
      </button>
    </section>
  );` : `  const reload = () => {
    ${service.fetchOne}(id).then(onLoaded, (error: unknown) => console.error(error));
  };
  return (
    <section>
      <button type="button" onClick={reload}>
        Reload
      </button>
    </section>
  );`}
}

export async function load${E}Page${i}(signal?: AbortSignal): Promise<JSX.Element> {
  const items = await ${service.list}(signal);
  return <${E}List${i} items={items} onSelect={(id) => console.log(id)} />;
}
`;
    return { path, text };
  },

  scoped(ctx) {
    const { i, entity, E, random, registry } = ctx;
    const path = `src/${entity}/workflow-${i}.ts`;
    const service = related(ctx, registry.services);
    const T = service.type;
    const limit = 2 + Math.floor(random() * 8);
    const text = `${importLine(ctx, ['all', 'map', 'scope', 'withTimeout'], 'taskscope')}
${importLine(ctx, [T], specifier(path, service.modelPath), { typeOnly: true })}
${importLine(ctx, [service.fetchOne, service.list], specifier(path, service.path))}

// Already structured: every task has an owner and gets the scope's signal.
export async function load${E}Pair${i}(first: string, second: string, signal?: AbortSignal): Promise<[${T}, ${T}]> {
  return all([(signal) => ${service.fetchOne}(first, signal), (signal) => ${service.fetchOne}(second, signal)], { signal });
}

export async function load${E}s${i}(ids: readonly string[], signal?: AbortSignal): Promise<${T}[]> {
  return map(ids, (id, signal) => ${service.fetchOne}(id, signal), { concurrency: ${limit}, signal });
}

export async function refresh${E}s${i}(signal?: AbortSignal): Promise<number> {
  return scope(
    async (s) => {
      const items = await ${service.list}(s.signal);
      for (const item of items) s.spawn((signal) => ${service.fetchOne}(item.id, signal));
      return items.length;
    },
    { signal },
  );
}

export function first${E}${i}(id: string): Promise<${T}> {
  return withTimeout(${1000 * (1 + Math.floor(random() * 9))}, (signal) => ${service.fetchOne}(id, signal));
}
`;
    return { path, text };
  },
};

// Ordinary helpers; no promises at all.
const UTIL_SNIPPETS = {
  clamp: (i) => `export const clamp${i} = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
`,
  groupBy: (i) => `export function groupBy${i}<T, K extends PropertyKey>(items: Iterable<T>, key: (item: T) => K): Record<K, T[]> {
  const groups = {} as Record<K, T[]>;
  for (const item of items) {
    const k = key(item);
    (groups[k] ??= []).push(item);
  }
  return groups;
}
`,
  slugify: (i) => `export function slugify${i}(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\\u0300-\\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
`,
  memoize: (i) => `export function memoize${i}<A extends string | number, R>(fn: (arg: A) => R): (arg: A) => R {
  const cache = new Map<A, R>();
  return (arg) => {
    if (!cache.has(arg)) cache.set(arg, fn(arg));
    return cache.get(arg) as R;
  };
}
`,
  debounce: (i) => `export function debounce${i}<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
`,
  query: (i) => `export function parseQuery${i}(search: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(search)) {
    const list = out.get(key);
    if (list) list.push(value);
    else out.set(key, [value]);
  }
  return out;
}
`,
  deepEqual: (i) => `export function deepEqual${i}(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => deepEqual${i}((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
`,
  backoff: (i) => `export function backoffDelay${i}(attempt: number, baseMs = 100, capMs = 10_000): number {
  const exponential = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(exponential / 2 + (exponential / 2) * ((attempt * 7919) % 100) / 100);
}
`,
  range: (i) => `export function* range${i}(start: number, end: number, step = 1): Generator<number> {
  for (let n = start; step > 0 ? n < end : n > end; n += step) yield n;
}
`,
  lru: (i) => `export class LruCache${i}<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }
}
`,
  assertNever: (i) => `export function assertNever${i}(value: never, message = 'unexpected value'): never {
  throw new Error(\`\${message}: \${JSON.stringify(value)}\`);
}
`,
  stats: (i) => `export function summarize${i}(values: readonly number[]): { min: number; max: number; mean: number } {
  if (values.length === 0) return { min: 0, max: 0, mean: 0 };
  let min = Infinity;
  let max = -Infinity;
  let total = 0;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
    total += value;
  }
  return { min, max, mean: total / values.length };
}
`,
  bytes: (i) => `const UNITS_${i} = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

export function formatBytes${i}(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS_${i}.length - 1) {
    value /= 1024;
    unit++;
  }
  return \`\${value.toFixed(unit === 0 ? 0 : 1)} \${UNITS_${i}[unit]}\`;
}
`,
  pickDefined: (i) => `export function pickDefined${i}<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
`,
};

// Concurrency as it is written in the wild: some of it wrong, some of it right.
const SERVICE_SNIPPETS = {
  fanOutMap: ({ i, E, T, fetchOne }) => `export async function load${E}sById${i}(ids: readonly string[]): Promise<${T}[]> {
  return Promise.all(ids.map((id) => ${fetchOne}(id)));
}
`,
  fanOutAsyncMap: ({ i, E, T, fetchOne, util }) => `export async function labels${E}${i}(ids: string[]): Promise<string[]> {
  const labels = await Promise.all(
    ids.map(async (id) => {
      const item = await ${fetchOne}(id);
      return ${util.formatLabel}(item.name);
    }),
  );
  return labels.sort();
}
`,
  fanOutLiteral: ({ i, E, fetchOne, list, other }) => `export async function overview${E}${i}(id: string) {
  const [item, all${other ? ', related' : ''}] = await Promise.all([${fetchOne}(id), ${list}()${other ? `, ${other.fetchOne}(id)` : ''}]);
  return { item, total: all.length${other ? ', related' : ''} };
}
`,
  fanOutWithSignal: ({ i, E, T, fetchOne }) => `export async function load${E}sWithSignal${i}(ids: readonly string[], signal: AbortSignal): Promise<${T}[]> {
  // The signal is in scope but only some calls get it.
  const first = await ${fetchOne}(ids[0] ?? '', signal);
  const rest = await Promise.all(ids.slice(1).map((id) => ${fetchOne}(id)));
  return [first, ...rest];
}
`,
  settledChecked: ({ i, E, fetchOne }) => `export async function sync${E}s${i}(ids: readonly string[]): Promise<number> {
  const results = await Promise.allSettled(ids.map((id) => ${fetchOne}(id)));
  const failures = results.filter((result) => result.status === 'rejected');
  for (const failure of failures) console.warn('sync failed', failure.reason);
  return results.length - failures.length;
}
`,
  settledFulfilledOnly: ({ i, E, T, fetchOne }) => `export async function best${E}s${i}(ids: readonly string[]): Promise<${T}[]> {
  const results = await Promise.allSettled(ids.map((id) => ${fetchOne}(id)));
  return results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
}
`,
  settledDiscarded: ({ i, E, fetchOne }) => `export async function warm${E}Cache${i}(ids: readonly string[]): Promise<void> {
  await Promise.allSettled(ids.map((id) => ${fetchOne}(id)));
}
`,
  raceTimeout: ({ i, E, T, fetchOne }) => `export function fetch${E}WithDeadline${i}(id: string, ms: number): Promise<${T}> {
  return Promise.race([
    ${fetchOne}(id),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(\`timed out after \${ms}ms\`)), ms)),
  ]);
}
`,
  raceCleared: ({ i, E, T, fetchOne }) => `export async function fetch${E}OrGiveUp${i}(id: string, ms: number): Promise<${T}> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      ${fetchOne}(id, controller.signal),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('deadline')), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
`,
  asyncForEach: ({ i, E, T, fetchOne }) => `export async function notify${E}Owners${i}(items: ${T}[], send: (id: string) => Promise<void>): Promise<void> {
  items.forEach(async (item) => {
    await ${fetchOne}(item.id);
    await send(item.id);
  });
}
`,
  asyncFilter: ({ i, E, T }) => `export function stale${E}s${i}(items: ${T}[], isStale: (item: ${T}) => Promise<boolean>): ${T}[] {
  return items.filter(async (item) => await isStale(item));
}
`,
  floatingCall: ({ i, E, fetchOne }) => `async function audit${i}(event: string, id: string): Promise<void> {
  await fetch('https://audit.example.com/events', { method: 'POST', body: JSON.stringify({ event, id }) });
}

export function open${E}${i}(id: string): void {
  audit${i}('open', id);
  void ${fetchOne}(id);
}
`,
  parkedPromise: ({ i, E, fetchOne, list }) => `export async function compare${E}Versions${i}(id: string) {
  const current = ${fetchOne}(id);
  const everything = await ${list}();
  return { current: await current, count: everything.length };
}
`,
  handled: ({ i, E, fetchOne }) => `export function prefetch${E}${i}(id: string): void {
  ${fetchOne}(id)
    .then((item) => console.debug('prefetched', item.id))
    .catch((error: unknown) => console.warn('prefetch failed', error));
}
`,
  sequential: ({ i, E, T, fetchOne }) => `export async function load${E}sInOrder${i}(ids: readonly string[], signal?: AbortSignal): Promise<${T}[]> {
  const out: ${T}[] = [];
  for (const id of ids) {
    signal?.throwIfAborted();
    out.push(await ${fetchOne}(id, signal));
  }
  return out;
}
`,
  batched: ({ i, E, T, fetchOne, util }) => `export async function load${E}sInBatches${i}(ids: readonly string[]): Promise<${T}[]> {
  const out: ${T}[] = [];
  for (const batch of ${util.chunk}(ids, 10)) {
    out.push(...(await Promise.all(batch.map((id) => ${fetchOne}(id)))));
  }
  return out;
}
`,
  mirrors: ({ i, E, T, parse }) => `export function fetch${E}FromMirror${i}(id: string, mirrors: readonly string[]): Promise<${T}> {
  return Promise.any(mirrors.map((base) => fetch(\`\${base}/\${id}\`).then(async (response) => ${parse}((await response.json()) as Record<string, unknown>))));
}
`,
  droppedSignal: ({ i, E }) => `export async function download${E}Export${i}(url: string, signal: AbortSignal): Promise<Blob> {
  const response = await fetch(url);
  if (signal.aborted) throw signal.reason;
  return response.blob();
}
`,
  listener: ({ i, E, list }) => `export function watch${E}s${i}(target: EventTarget, render: (count: number) => void): () => void {
  const onChange = async () => {
    const items = await ${list}();
    render(items.length);
  };
  target.addEventListener('change', onChange);
  return () => target.removeEventListener('change', onChange);
}
`,
  serviceClass: ({ i, E, T, fetchOne, list }) => `export class ${E}Service${i} {
  private inFlight = new Map<string, Promise<${T}>>();

  get(id: string, signal?: AbortSignal): Promise<${T}> {
    let pending = this.inFlight.get(id);
    if (!pending) {
      pending = ${fetchOne}(id, signal).finally(() => this.inFlight.delete(id));
      this.inFlight.set(id, pending);
    }
    return pending;
  }

  async refreshAll(): Promise<${T}[]> {
    const items = await ${list}();
    return Promise.all(items.map((item) => this.get(item.id)));
  }
}
`,
};

// --- CLI ---------------------------------------------------------------------

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const at = args.indexOf(name);
    return at === -1 ? undefined : Number(args.splice(at, 2)[1]);
  };
  const files = option('--files') ?? 1000;
  const seed = option('--seed') ?? 1;
  const result = generateCorpus(args[0] ?? DEFAULT_CORPUS_DIR, { files, seed });
  console.log(`wrote ${result.files.length} files to ${relative(process.cwd(), result.dir) || '.'}`);
}
