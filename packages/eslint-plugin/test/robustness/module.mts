// An ES module (.mts) with top-level await and a re-export.
export { load } from './overloads.js';
const response = await fetch('/boot');
export const ready = Promise.all([response.text(), fetch('/config').then((r) => r.json())]);
ready.then(() => undefined);
