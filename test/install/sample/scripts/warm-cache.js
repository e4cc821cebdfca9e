// Warms the CDN before the nightly run. Plain JavaScript, outside the tsconfig:
// ESLint parses it with its default parser, so the rules run without types.
const pages = ['/', '/pricing', '/invoices'];

export async function warm(base) {
  // lint: no-orphaned-fan-out
  await Promise.all(pages.map((page) => fetch(base + page)));
}

export async function nightly(base) {
  // lint: no-floating-promises
  warm(base);
  await fetch(`${base}/nightly`, { method: 'POST' });
}
