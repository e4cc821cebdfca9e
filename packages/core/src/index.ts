// What the adapters (the ESLint plugin, the codemod) use; the message-id types are here because the plugin's declarations name them.
export type { AnalysisContext, Detector, Finding, Fix, Review, RuleId, TextEdit, TransformId } from './lib/types.js';
export type { Compiler } from './lib/compiler.js';
export { engineFor, type Engine } from './engine.js';
export { applyEdits } from './lib/edits.js';
export { MARKER_PREFIX, markerComment } from './lib/review.js';
export { isTestPath } from './lib/test-code.js';

export { noAsyncIterationCallback, type NoAsyncIterationCallbackMessageId } from './rules/no-async-iteration-callback/detector.js';
export { noFloatingPromises, type NoFloatingPromisesMessageId } from './rules/no-floating-promises/detector.js';
export { noOrphanedFanOut, type NoOrphanedFanOutMessageId } from './rules/no-orphaned-fan-out/detector.js';
export { noUnboundedFanOut, type NoUnboundedFanOutMessageId } from './rules/no-unbounded-fan-out/detector.js';
export { noUncancelledRace, type NoUncancelledRaceMessageId } from './rules/no-uncancelled-race/detector.js';
export { noUncancelledReader, type NoUncancelledReaderMessageId } from './rules/no-uncancelled-reader/detector.js';
export { noUncheckedSettled, type NoUncheckedSettledMessageId } from './rules/no-unchecked-settled/detector.js';
export { requireSignalPropagation, type RequireSignalPropagationMessageId } from './rules/require-signal-propagation/detector.js';
export { allDetectors } from './detectors.js';
