import { allSettled } from './all-settled.js';
import { asyncForeach } from './async-foreach.js';
import { cancelReader } from './cancel-reader.js';
import { floating } from './floating.js';
import { promiseAll } from './promise-all.js';
import { race } from './race.js';
import { signal } from './signal.js';
import type { Transform } from './transform.js';

export type { DetectorUse, MigrationSettings, Transform } from './transform.js';

/** Every transform, in the order `--help` and the report list them. */
export const transforms: readonly Transform[] = [promiseAll, allSettled, race, asyncForeach, floating, signal, cancelReader];

/**
 * The transforms named in `--transforms a,b` (all of them when the list is
 * absent). Throws on an unknown id, naming the valid ones.
 */
export function selectTransforms(list: string | undefined): Transform[] {
  if (list === undefined || list.trim() === '') return [...transforms];
  const ids = list.split(',').map((id) => id.trim()).filter(Boolean);
  return ids.map((id) => {
    const transform = transforms.find((t) => t.id === id);
    if (!transform) {
      throw new Error(`unknown transform "${id}"; expected one of: ${transforms.map((t) => t.id).join(', ')}`);
    }
    return transform;
  });
}
