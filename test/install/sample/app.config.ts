// A config file at the root, as tools have (vitest.config.ts): TypeScript that
// the tsconfig (src/ only) leaves out, linted in typescript-eslint's default
// project through the README's allowDefaultProject.
export default {
  api: 'https://billing.example.com',
  retries: 3,
} as const;
