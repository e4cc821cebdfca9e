export type { AnalysisContext, Detector, Finding, Fix, Review, RuleId, SyntaxKindName, TextEdit, TransformId } from './lib/types.js';
export type { Compiler } from './lib/compiler.js';
export { engineFor, type Engine } from './engine.js';
export { applyEdits } from './lib/edits.js';
export { IGNORE_COMMENT, MARKER_PREFIX } from './lib/review.js';
export { RUNTIME_MODULE } from './lib/runtime-imports.js';

export { ITERATION_METHODS, noAsyncIterationCallback } from './rules/no-async-iteration-callback/detector.js';
export { noFloatingPromises } from './rules/no-floating-promises/detector.js';
export { noOrphanedFanOut } from './rules/no-orphaned-fan-out/detector.js';
export { noUnboundedFanOut } from './rules/no-unbounded-fan-out/detector.js';
export { noUncancelledRace } from './rules/no-uncancelled-race/detector.js';
export { noUncheckedSettled } from './rules/no-unchecked-settled/detector.js';
export { requireSignalPropagation } from './rules/require-signal-propagation/detector.js';
