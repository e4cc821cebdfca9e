// An ES module in .mjs: top-level await, dynamic import, import attributes.
import data from './data.json' with { type: 'json' };

const { readAll } = await import('./plain.js');
export const loaded = readAll(Object.keys(data));
await Promise.all([import('./plain.js'), import('./legacy.cjs')]);
fetch('/mjs');
