export { MAX_ROUNDS, MigrationError, createMigrator, nextRound, type FileMigration, type Migrator, type TransformCounts } from './engine.js';
export { EXIT, main, type CliIo } from './cli.js';
export { runMigration, type FileReport, type FileStatus, type RunOptions, type RunReport } from './run.js';
export { jsonReport, markdownReport, summaryText } from './report.js';
export { selectTransforms, transforms, type MigrationSettings, type Transform } from './transforms/index.js';
