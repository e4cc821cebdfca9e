// Is this call work worth cancelling: work that costs or has effects? The
// fan-out rules ask it of a failing task's siblings: if none of them is, a
// failure orphans nothing that matters. The rules, in order:
//
// 0. A read is not, even when it takes a signal: a call named for a read or
//    lookup (`get…`, `list…`, `fetch…` but `fetch` itself, `download…`,
//    `find…`, `search…`, `query…`, `retrieve…`, `load…`), or one made on a
//    retriever, cache or index. The issue's first rule counted "takes an
//    AbortSignal" as costly; judges of four rounds, reading real fan-outs of
//    downloads given the caller's signal, found a read left running after a
//    sibling failed not worth a change: it has no effect and ends on its own.
//    `fetch` itself stays costly: its name says nothing of what it asks for.
// 1. It starts asynchronous work and takes an AbortSignal, or is handed one:
//    its author made it cancellable. Not when (typed) its result holds a
//    signal of its own: it builds options, copying the signal into them.
// 2. A function of the project it calls (typed: any source file; syntactic:
//    this file) does such work, up to three calls deep, callbacks it hands on
//    included (`caller.call(() => client.create(…))`). Such a function is
//    judged by its body only: past the depth it is not known to be costly.
// 3. A callee whose body can't be read is a known kind of costly or
//    effectful work by the name it is called by: a network request (`fetch`,
//    HTTP clients, SDK and LLM client methods such as `create`, `invoke`,
//    `generate`, `embed…`), a child process, or a remote write (`save…`,
//    `insert…`, `upsert…`, `update…`, `send…`, `publish…`, `upload…`,
//    `addDocuments`, `deleteMany`, …).
// 4. Typed: the callee is declared in a package known to be such a client.
//
// `fn.call(…)` and `fn.apply(…)` (typed: on a function value) are judged as a
// call of `fn`.
//
// Nothing else is: pure computation, in-memory structures, local file work,
// callback broadcasts.
//
// Billed work is the part of it whose every run is paid for or reaches
// someone: a model call (tokens), a charge, a message to a person. It is told
// by the callee's name (`generate`, `embed…`, `callModel`,
// `chat.completions.create`, `model.invoke`, `sendEmail`, `charge`), else by
// rules 2 and 4 (a project function's body; typed, a declaration in a model
// SDK's or Stripe's package), and only of a call that returns a promise
// (typed) and is no constructor. Rule 1 does not apply: a signal says
// cancellable, not billed. A callee whose body can't be read and whose name
// says billed work is costly work too.
import type * as TS from 'typescript';

import { calledFunction, functionReferenced } from './callees.js';
import { isAsyncIterableType, isThenableType } from './promises.js';
import { ts } from './compiler.js';
import { isAbortSignalType, isSdkRequest, signalSlot } from './signal-slots.js';
import { memberName, skipParentheses } from './syntax.js';
import type { AnalysisContext } from './types.js';

const MAX_DEPTH = 3;

/** Costly: work that costs or has effects; billed: work whose every run is paid for or reaches someone. */
type Kind = 'costly' | 'billed';

/** Whether `call` does work that costs or has effects (see the rules above). */
export function isCostlyWork(call: TS.CallExpression | TS.NewExpression, context: AnalysisContext): boolean {
  return judge(call, context, 0, 'costly');
}

/** Whether a function's body, outside the functions it only declares, does costly work. */
export function doesCostlyWork(fn: TS.FunctionLikeDeclaration, context: AnalysisContext): boolean {
  return bodyDoes(fn, context, 0, 'costly');
}

/** Whether `call` does billed work: a model call, a charge, a message to a person. */
export function isBilledWork(call: TS.CallExpression | TS.NewExpression, context: AnalysisContext): boolean {
  return judge(call, context, 0, 'billed');
}

/** Whether a function's body, outside the functions it only declares, does billed work. */
export function doesBilledWork(fn: TS.FunctionLikeDeclaration, context: AnalysisContext): boolean {
  return bodyDoes(fn, context, 0, 'billed');
}

/** Names that say a network request, a process, or a write: the fallback for callees whose body can't be read. */
const costlyVerb =
  /^_?(fetch|request|invoke|call|predict|generate|complete|completions?|chat|embed|stream|upsert|insert|update|save|send|post|put|patch|publish|upload|exec|execute|spawn|fork|run|create|connect|transcribe|translate|moderate|rerank|add(?=[A-Z])|delete(?=[A-Z])|remove(?=[A-Z]))(?=$|[A-Z_0-9])/;

/** HTTP clients and process launchers, whatever method is called on them: `axios.get`, `http.request`, `execa.command`. */
const serviceReceiver = /^(http|https|axios|got|ky|undici|superagent|needle|child_process|execa)$/;

/** Methods that never do costly work whatever their receiver: reading in-memory state. */
const inMemory: ReadonlySet<string> = new Set(['get', 'has', 'set', 'keys', 'values', 'entries', 'toString', 'toJSON', 'bind', 'apply', 'resolve', 'reject', 'then', 'catch', 'finally', 'emit', 'on', 'once', 'off']);

/** Packages whose calls are requests to a remote service. */
const clientPackages = /[\\/]node_modules[\\/](openai|@anthropic-ai[\\/][^\\/]+|@google[\\/]gen[^\\/]*|@google-cloud[\\/][^\\/]+|@aws-sdk[\\/][^\\/]+|@azure[\\/][^\\/]+|cohere-ai|@mistralai[\\/][^\\/]+|groq-sdk|ai|@ai-sdk[\\/][^\\/]+|@langchain[\\/][^\\/]+|langchain|axios|got|ky|undici|node-fetch|cross-fetch|@octokit[\\/][^\\/]+|stripe|@modelcontextprotocol[\\/][^\\/]+|pg|mysql2?|mongodb|ioredis|redis|@prisma[\\/][^\\/]+|@pinecone-database[\\/][^\\/]+|@qdrant[\\/][^\\/]+|weaviate-client|@elastic[\\/][^\\/]+)[\\/]/;

/** Reads, searches and lookups (`getUser`, `fetchMemories`, `listTools`, `retriever.invoke`, `cache.update`): nothing worth cancelling keeps running. */
const readVerb = /^_?(get|list|read|fetch(?=[A-Z])|download|find|search|retrieve|query|load|lookup|describe|count|has|exists|peek|head)(?=$|[A-Z_0-9])/;
const readReceiver = /(retriever|cache|reader|lookup|index)$/i;

/** Model calls (tokens), charges and messages to people, by name. */
const billedVerb = new RegExp(
  '^_?(' +
    // Verbs that start a name (`generateText`, `embedDocuments`, `chargeCard`), but not ids, keys or PDF embedding.
    '(generate(?!(Ids?|Keys?|KeyPair|Uuid|Hash|Salt|Nonce|Tokens?|Secret|Random|Mnemonic|Seed|Proof|Signature|Address|Merkle)(?=$|[A-Z0-9_]))' +
    '|embed(?!(Font|Png|Jpe?g|Pdf|Pages?|Svg|Files?|Images?)(?=$|[A-Z0-9_]))' +
    '|predict|transcribe|summari[sz]e|moderate|rerank|charge|pay|refund' +
    '|(call|invoke|run|query|ask|prompt|stream)(Model|Llm|LLM|Gpt|GPT|Claude|Gemini|OpenAI|Openai|Anthropic|AI|Ai)' +
    '|(send|deliver)(E?mail|Sms|Text|Push|Notification)s?)(?=$|[A-Z0-9_])' +
    // Verbs only on their own (`completeUpload`, `chatRoom` are not).
    '|(complete|completions?|chat)$)',
);
/** A model or a chain of them, and what runs one: `this.llm.invoke`, `chain.call`, `model.stream` (not `userModel.create`). */
const modelReceiver = /^(llm|model|chatModel|languageModel|chain|agent|openai|anthropic|claude|gemini|mistral|cohere|groq)$/i;
const modelRun = /^(invoke|call|run|stream|batch)$/;

/** Packages whose calls are model requests or charges. */
const billedPackages = /[\\/]node_modules[\\/](openai|@anthropic-ai[\\/][^\\/]+|@google[\\/]gen[^\\/]*|@google-cloud[\\/]vertexai|cohere-ai|@mistralai[\\/][^\\/]+|groq-sdk|ai|@ai-sdk[\\/][^\\/]+|@langchain[\\/][^\\/]+|langchain|replicate|together-ai|stripe)[\\/]/;

function isRead(call: TS.CallExpression | TS.NewExpression): boolean {
  if (!ts.isCallExpression(call)) return false;
  const callee = skipParentheses(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : memberName(callee);
  // `queryModel` asks a model: billed, not a read.
  if (name !== undefined && readVerb.test(name)) return !isBilledName(name);
  const receiver = ts.isPropertyAccessExpression(callee) ? receiverName(callee.expression) : undefined;
  return receiver !== undefined && readReceiver.test(receiver);
}

function judge(call: TS.CallExpression | TS.NewExpression, context: AnalysisContext, depth: number, kind: Kind): boolean {
  if (kind === 'billed') {
    // Billed work is a request: not a constructor (`new ChatOpenAI()`), not a call that returns no promise (`shortid.generate()`).
    if (!ts.isCallExpression(call) || !startsAsyncWork(call, context)) return false;
    // A name that says billed work is believed before a body that reaches the model through a helper of its own.
    if (namedBilled(call)) return true;
  }
  if (isRead(call)) return false;
  if (kind === 'costly' && ts.isCallExpression(call) && startsAsyncWork(call, context) && (handsOnSignal(call) || signalSlot(call, context) !== undefined) && !buildsOptions(call, context)) return true;
  const invoked = ts.isCallExpression(call) ? invokedFunction(call, context) : undefined;
  if (invoked) {
    const fn = depth < MAX_DEPTH ? functionReferenced(invoked, context) : undefined;
    const name = fn ? undefined : ts.isIdentifier(invoked) ? invoked.text : memberName(invoked);
    return fn ? bodyDoes(fn, context, depth + 1, kind) : name !== undefined && (kind === 'costly' ? isCostlyName(name) : isBilledName(name));
  }
  const fn = calledFunction(call, context);
  // A function of the project is judged by its body; past the depth, it is not known to be costly (its name is not read).
  if (fn) return depth < MAX_DEPTH && bodyDoes(fn, context, depth + 1, kind);
  // Billed work is costly work (`summarize`, `charge`).
  if (kind === 'costly' && (namedCostly(call) || namedBilled(call))) return true;
  return context.checker !== undefined && declaredIn(kind === 'costly' ? clientPackages : billedPackages, call, context.checker);
}

/**
 * Typed: a call whose result holds a signal of its own (`mergeConfig(config)`,
 * `configFactory(config)`) hands back options: it takes a signal to copy it,
 * not to stop work.
 */
function buildsOptions(call: TS.CallExpression, context: AnalysisContext): boolean {
  const { checker } = context;
  if (!checker) return false;
  const result = checker.getAwaitedType(checker.getTypeAtLocation(call));
  const signal = result?.getNonNullableType().getProperty('signal');
  return signal !== undefined && isAbortSignalType(checker.getNonNullableType(checker.getTypeOfSymbol(signal)));
}

/**
 * Typed: `fn.call(self, x)` or `fn.apply(self, args)` on a function value
 * runs `fn`, whatever `call` (a name LLM clients use) would say.
 */
function invokedFunction(call: TS.CallExpression, context: AnalysisContext): TS.Expression | undefined {
  const callee = skipParentheses(call.expression);
  if (!context.checker || !ts.isPropertyAccessExpression(callee) || (callee.name.text !== 'call' && callee.name.text !== 'apply')) return undefined;
  return context.checker.getTypeAtLocation(callee.expression).getCallSignatures().length > 0 ? callee.expression : undefined;
}

// Typed: the call hands back a promise or an async iterable (or its type is unknown); a config merger that takes an options bag does not.
function startsAsyncWork(call: TS.CallExpression, context: AnalysisContext): boolean {
  const { checker } = context;
  if (!checker) return true;
  const type = checker.getTypeAtLocation(call);
  return (type.flags & ts.TypeFlags.Any) !== 0 || isThenableType(checker, type, call) || isAsyncIterableType(checker, type);
}

function bodyDoes(fn: TS.FunctionLikeDeclaration, context: AnalysisContext, depth: number, kind: Kind): boolean {
  const memo = cache[kind][context.checker ? 'typed' : 'untyped'];
  const known = memo.get(fn);
  if (known !== undefined) return known;
  memo.set(fn, false);
  const visit = (node: TS.Node): boolean => {
    // Functions declared here run only if something calls them; those handed to a call, or handed out as a task, are run.
    if (ts.isFunctionLike(node) && !isCallArgument(node) && !isReturned(node)) return false;
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && judge(node, context, depth, kind)) return true;
    return ts.forEachChild(node, visit) ?? false;
  };
  const found = fn.body !== undefined && (ts.isBlock(fn.body) ? (ts.forEachChild(fn.body, visit) ?? false) : visit(fn.body));
  memo.set(fn, found);
  return found;
}

const cache = {
  costly: { typed: new WeakMap<TS.Node, boolean>(), untyped: new WeakMap<TS.Node, boolean>() },
  billed: { typed: new WeakMap<TS.Node, boolean>(), untyped: new WeakMap<TS.Node, boolean>() },
};

function isCallArgument(fn: TS.Node): boolean {
  const parent = fn.parent;
  return (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.some((argument) => skipParentheses(argument) === fn) === true;
}

// `() => (signal) => work(signal)`, `return async () => …`: a thunk handed out to be run.
function isReturned(fn: TS.Node): boolean {
  const parent = fn.parent;
  return ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === fn) || ts.isParenthesizedExpression(parent);
}

// `work(x, { signal })`, `work(x, signal)`, `work({ ...opts, signal: s })`.
function handsOnSignal(call: TS.CallExpression): boolean {
  return call.arguments.some((argument) => {
    const node = skipParentheses(argument);
    if (ts.isIdentifier(node)) return /signal$/i.test(node.text);
    if (ts.isPropertyAccessExpression(node)) return node.name.text === 'signal';
    return ts.isObjectLiteralExpression(node) && node.properties.some((p) => p.name !== undefined && ts.isIdentifier(p.name) && p.name.text === 'signal');
  });
}

/** Whether a callee's name alone says costly work (the fallback where its body can't be read). */
export function isCostlyName(name: string): boolean {
  return !inMemory.has(name) && costlyVerb.test(name);
}

/** Whether a callee's name alone says billed work. */
export function isBilledName(name: string): boolean {
  return !inMemory.has(name) && billedVerb.test(name);
}

function namedCostly(call: TS.CallExpression | TS.NewExpression): boolean {
  const callee = skipParentheses(call.expression);
  if (ts.isNewExpression(call)) return ts.isIdentifier(callee) && (callee.text === 'WebSocket' || callee.text === 'EventSource' || callee.text === 'Worker');
  const name = ts.isIdentifier(callee) ? callee.text : memberName(callee);
  if (name === undefined || inMemory.has(name)) return false;
  if (isCostlyName(name)) return true;
  const receiver = ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? receiverName(callee.expression) : undefined;
  return receiver !== undefined && serviceReceiver.test(receiver);
}

function namedBilled(call: TS.CallExpression | TS.NewExpression): boolean {
  if (!ts.isCallExpression(call)) return false;
  if (isSdkRequest(call)) return true;
  const callee = skipParentheses(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : memberName(callee);
  if (name === undefined) return false;
  if (isBilledName(name)) return true;
  const receiver = ts.isPropertyAccessExpression(callee) ? receiverName(callee.expression) : undefined;
  return receiver !== undefined && modelReceiver.test(receiver) && modelRun.test(name);
}

// `axios` → 'axios', `this.http` → 'http', `getClient()` → undefined.
function receiverName(expression: TS.Expression): string | undefined {
  const node = skipParentheses(expression);
  if (ts.isIdentifier(node)) return node.text;
  return memberName(node);
}

function declaredIn(packages: RegExp, call: TS.CallExpression | TS.NewExpression, checker: TS.TypeChecker): boolean {
  const callee = skipParentheses(call.expression);
  const symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
  return (symbol?.declarations ?? []).some((declaration) => packages.test(declaration.getSourceFile().fileName));
}
