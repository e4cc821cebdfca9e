export type { AnalysisContext, Detector, Finding, Fix, Review, RuleId, TextEdit, TransformId } from './types.js';
export { applyEdits, planEdits } from './apply.js';
export { findNodeByRange, parseSourceFile, scriptKindOf } from './locate.js';
export { asyncFunctionNames, isPromiseValued, isThenableType, looksLikePromise } from './promises.js';
export { IGNORE_COMMENT, MARKER_PREFIX, isIgnored, reviewMarkerEdit } from './review.js';
export { RUNTIME_MODULE, quoteStyle, runtimeImportEdit, runtimeName } from './runtime-imports.js';
export * from './syntax.js';

export { ITERATION_METHODS, noAsyncIterationCallback } from './detectors/no-async-iteration-callback.js';
export { noFloatingPromises } from './detectors/no-floating-promises.js';
export { noOrphanedFanOut } from './detectors/no-orphaned-fan-out.js';
export { noUnboundedFanOut } from './detectors/no-unbounded-fan-out.js';
export { noUncancelledRace } from './detectors/no-uncancelled-race.js';
export { noUncheckedSettled } from './detectors/no-unchecked-settled.js';
export { requireSignalPropagation } from './detectors/require-signal-propagation.js';
export { isInsideScope, isSpawnCall, taskscopeCallee } from './taskscope-api.js';
export { isAbortSignalType, passSignalEdit, passesSignal, signalSlot, type SignalSlot } from './signals.js';
export { combinatorFix } from './combinator-fix.js';
export { signalInScope, type SignalInScope } from './signal-scope.js';
export {
  allSettledMigration,
  settledCallee,
  settledResultsUse,
  UNCHECKED_SETTLED_REASON,
  type SettledCallee,
  type SettledUse,
} from './settled.js';
export { INSPECTED_TIMEOUT_REASON, raceMigration, timeoutRace, withTimeoutFix, type TimeoutRace } from './race-timeout.js';
