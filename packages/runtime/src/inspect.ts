// Node-only entry point (`taskscope/inspect`): importing it makes the runtime follow its task tree.
// Every scope and task then publishes start, cancel and settle on node:diagnostics_channel, and
// `taskTree()` shows what runs now. The main entry only has an empty observer slot (core.ts), so a
// program that never imports this module pays one undefined check per scope and per task.
import { channel } from 'node:diagnostics_channel';
import { setObserver, type Core, type Failure, type Settle } from './core.js';
import { isCancellation } from './errors.js';
import { link, ownerOf } from './link.js';

/** `taskscope:scope:start` and `taskscope:task:start`. */
export interface StartMessage {
  /** Unique in the process; the other messages about this scope or task carry it. */
  id: number;
  /** The scope (or spawned task) this one runs under, if it is followed. */
  parent: number | undefined;
  /** 'task', or the call that opened the scope: 'scope', 'openScope', 'all', 'map', 'hedge'… */
  kind: string;
  /** A scope's `name` option; a spawned task's `name`, else its place: 'body', 'spawn', 'input', 'task 2', 'attempt 1'. */
  name: string | undefined;
  /** A scope's deadline in epoch ms, when it has one. */
  deadline: number | undefined;
}

/** `taskscope:scope:cancel` and `taskscope:task:cancel` (for a task with its own signal: spawned). */
export interface CancelMessage {
  id: number;
  /** The reason its signal aborted with. */
  reason: unknown;
}

/** `taskscope:scope:settle` and `taskscope:task:settle`. */
export interface SettleMessage {
  id: number;
  ok: boolean;
  /** What it failed with, when not ok. */
  error: unknown;
  /** Not ok only because it was cancelled (its own or its scope's cancellation), not a failure. */
  cancelled: boolean;
}

/** A scope or task in the live tree, as `taskTree()` saw it. */
export interface TaskNode {
  id: number;
  kind: string;
  name: string | undefined;
  /** 'cancelling' once its signal aborted: it was asked to stop but has not settled yet. */
  state: 'running' | 'cancelling';
  /** Milliseconds since it started. */
  elapsed: number;
  /** While cancelling: the signal's reason, and milliseconds since it aborted. */
  cancel: { reason: unknown; elapsed: number } | undefined;
  deadline: number | undefined;
  /** A scope's tasks that have settled, and how many of them failed (not counting cancellations). */
  settled: { count: number; failed: number } | undefined;
  /** A scope's running tasks and the scopes opened under it; a spawned task's scopes. */
  children: TaskNode[];
}

const channels = {
  scope: { start: channel('taskscope:scope:start'), cancel: channel('taskscope:scope:cancel'), settle: channel('taskscope:scope:settle') },
  task: { start: channel('taskscope:task:start'), cancel: channel('taskscope:task:cancel'), settle: channel('taskscope:task:settle') },
};

interface Live {
  readonly id: number;
  readonly kind: string;
  readonly name: string | undefined;
  readonly started: number;
  /** Its own signal (a scope's, a spawned task's) or its scope's (a combinator's task). */
  readonly signal: AbortSignal;
  readonly deadline: number | undefined;
  parent: Live | undefined;
  children: Set<Live> | undefined; // made on first use: most tasks open nothing
  cancelledAt: number | undefined;
  settled: number;
  failed: number;
}

let lastId = 0;
const roots = new Set<Live>();
// The live scopes and spawned tasks by their signal: how a scope finds the one it runs under.
const bySignal = new Map<AbortSignal, Live>();

function attach(node: Live, parent: Live | undefined): void {
  node.parent = parent;
  if (parent) (parent.children ??= new Set()).add(node);
  else roots.add(node);
}

/** Adds a scope or task under `parent`. `own`: the signal is its own, not its scope's. */
function add(kind: string, name: string | undefined, signal: AbortSignal, own: boolean, parent: Live | undefined, deadline?: number): Live {
  const node: Live = { id: ++lastId, kind, name, started: performance.now(), signal, deadline, parent, children: undefined, cancelledAt: undefined, settled: 0, failed: 0 };
  attach(node, parent);
  const topic = kind === 'task' ? channels.task : channels.scope;
  // Messages are built only while someone listens.
  if (topic.start.hasSubscribers) topic.start.publish({ id: node.id, parent: parent?.id, kind, name, deadline } satisfies StartMessage);
  if (own) {
    // Hear it abort, and let the scopes opened under it find it.
    bySignal.set(signal, node);
    link(signal, () => {
      node.cancelledAt = performance.now();
      if (topic.cancel.hasSubscribers) topic.cancel.publish({ id: node.id, reason: signal.reason } satisfies CancelMessage);
    });
  }
  return node;
}

function remove(node: Live, ok: boolean, error: unknown, cancelled: boolean): void {
  if (bySignal.get(node.signal) === node) bySignal.delete(node.signal);
  const up = node.parent;
  if (up) up.children!.delete(node);
  else roots.delete(node);
  // A scope that outlives the task it was opened in (nobody awaited it) moves up a level.
  if (node.children) for (const child of node.children) attach(child, up);
  const topic = node.kind === 'task' ? channels.task : channels.scope;
  if (topic.settle.hasSubscribers) topic.settle.publish({ id: node.id, ok, error: ok ? undefined : error, cancelled } satisfies SettleMessage);
}

/**
 * A task's name, or its place in its scope. Spawned tasks have their own signal (and may have a
 * name); a scope's body shares the scope's, as does map's reading of its input (index -1).
 */
function placeOf(scope: Live, index: number, signal: AbortSignal, spawned: boolean): string {
  if (spawned) return ownerOf(signal)?.name ?? 'spawn';
  if (index < 0) return 'input';
  if (scope.kind === 'scope' || scope.kind === 'supervisor') return 'body';
  return scope.kind === 'hedge' ? `attempt ${index + 1}` : `task ${index}`;
}

setObserver({
  opened(core: Core, kind: string, parent: AbortSignal | undefined) {
    add(kind, core.name, core.signal, true, parent && bySignal.get(parent), core.deadline === Infinity ? undefined : core.deadline);
  },
  started(core: Core, index: number, signal: AbortSignal, done: Settle): Settle {
    const scope = bySignal.get(core.signal);
    if (!scope) return done; // opened before this module was loaded
    const spawned = signal !== core.signal;
    const node = add('task', placeOf(scope, index, signal, spawned), signal, spawned, scope);
    return (ok, value, i) => {
      const cancelled = !ok && isCancellation(value, signal);
      scope.settled++;
      if (!ok && !cancelled) scope.failed++;
      remove(node, ok, value, cancelled);
      done(ok, value, i);
    };
  },
  closed(core: Core, failure: Failure) {
    const node = bySignal.get(core.signal);
    if (node) remove(node, !failure, failure?.error, failure !== undefined && failure.error === core.signal.reason);
  },
});

/** The scopes and tasks running now, outermost first (scopes whose parent signal is not one of ours). */
export function taskTree(): TaskNode[] {
  const now = performance.now();
  const view = (node: Live): TaskNode => {
    // A combinator's task shares its scope's signal, and so its cancellation.
    const cancelledAt = node.cancelledAt ?? bySignal.get(node.signal)?.cancelledAt;
    return {
      id: node.id,
      kind: node.kind,
      name: node.name,
      state: node.signal.aborted ? 'cancelling' : 'running',
      elapsed: now - node.started,
      cancel: node.signal.aborted ? { reason: node.signal.reason, elapsed: cancelledAt === undefined ? 0 : now - cancelledAt } : undefined,
      deadline: node.deadline,
      settled: node.kind === 'task' ? undefined : { count: node.settled, failed: node.failed },
      children: node.children ? [...node.children].map(view) : [],
    };
  };
  return [...roots].map(view);
}

/** The tree as text, one line per scope or task, like a thread dump. Empty when nothing runs. */
export function renderTaskTree(nodes: readonly TaskNode[] = taskTree()): string {
  const lines: string[] = [];
  const walk = (node: TaskNode, lead: string, indent: string) => {
    lines.push(lead + describe(node));
    node.children.forEach((child, i) => {
      const last = i === node.children.length - 1;
      walk(child, indent + (last ? '└─ ' : '├─ '), indent + (last ? '   ' : '│  '));
    });
  };
  for (const root of nodes) walk(root, '', '');
  return lines.join('\n');
}

function describe(node: TaskNode): string {
  const what = node.kind === 'task' ? node.name! : node.name === undefined ? node.kind : `${node.kind} "${node.name}"`;
  let text = `${what} #${node.id} ${node.state} for ${duration(node.elapsed)}`;
  if (node.cancel) text += `, cancelled ${duration(node.cancel.elapsed)} ago: ${reasonText(node.cancel.reason)}`;
  if (node.deadline !== undefined) {
    const left = node.deadline - Date.now();
    text += left >= 0 ? `, deadline in ${duration(left)}` : `, deadline passed ${duration(-left)} ago`;
  }
  if (node.settled?.count) text += `, ${node.settled.count} settled (${node.settled.failed} failed)`;
  return text;
}

function duration(ms: number): string {
  return Math.abs(ms) < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(1)} s`;
}

function reasonText(reason: unknown): string {
  return reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
}
