import type { MigrationSettings } from '../src/index.js';

/** A fixture's first line may pass CLI settings: `// taskscope-migrate --concurrency 4`. */
export function settingsOf(text: string): MigrationSettings {
  const concurrency = /^\/\/ taskscope-migrate --concurrency (\d+)/.exec(text)?.[1];
  return concurrency === undefined ? {} : { concurrency: Number(concurrency) };
}
