export type { AnalysisContext, Detector, Finding, Fix, Review, RuleId, SyntaxKindName, TextEdit, TransformId } from './types.js';
export type { Compiler } from './compiler.js';
export { engineFor, type Engine } from './engine.js';
export { applyEdits } from './apply.js';
export { IGNORE_COMMENT, MARKER_PREFIX } from './review.js';
export { RUNTIME_MODULE } from './runtime-imports.js';

export { ITERATION_METHODS, noAsyncIterationCallback } from './detectors/no-async-iteration-callback.js';
export { noFloatingPromises } from './detectors/no-floating-promises.js';
export { noOrphanedFanOut } from './detectors/no-orphaned-fan-out.js';
export { noUnboundedFanOut } from './detectors/no-unbounded-fan-out.js';
export { noUncancelledRace } from './detectors/no-uncancelled-race.js';
export { noUncheckedSettled } from './detectors/no-unchecked-settled.js';
export { requireSignalPropagation } from './detectors/require-signal-propagation.js';
