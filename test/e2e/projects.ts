// The two real projects of the end-to-end proof and how each is built, tested,
// typechecked and migrated: each with its own commands, read from its
// package.json and scripts/, so that the baseline is what its developers see.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { RESULTS, type WorkspacePackage } from './workspace.js';

/** A command in a folder of the project: `pnpm` (the shim), or a path relative to that folder. */
export interface Step {
  label: string;
  dir: string;
  file: string;
  args: string[];
}

/** Something the tests need that the project does not bring; started before the tests, stopped after. */
export interface Service {
  env: Record<string, string>;
  stop(): Promise<void>;
}

export interface Project {
  /** For TASKSCOPE_E2E_ONLY and file names. */
  id: string;
  title: string;
  /** In the archives folder; unpacks to `folder`. */
  archive: string;
  folder: string;
  /** The workspace packages whose `src` is migrated: the libraries, not their examples or test helpers. */
  migrates(dir: string): boolean;
  /** What the tests import must be built first (run before each test run). */
  build: Step[];
  /** The test commands, in order; each writes jest-format JSON to RESULTS in every folder it tests. */
  tests: Step[];
  /** The project's own typechecks. */
  typechecks(packages: readonly WorkspacePackage[]): Step[];
  service?: () => Promise<Service>;
}

const mcp: Project = {
  id: 'mcp',
  title: 'the MCP TypeScript SDK',
  archive: 'mcp-typescript-sdk.tar.gz',
  folder: 'mcp-typescript-sdk',
  migrates: (dir) => dir.startsWith('packages/'),
  // Its tests build the dist/ they need themselves (client and server's barrelClean tests), and
  // `pnpm -r` runs the examples, which import that dist, after the packages (topological order).
  build: [],
  // `test:all` (`pnpm -r test`), with every package's vitest writing JSON.
  tests: [{ label: 'pnpm -r test', dir: '', file: 'pnpm', args: ['-r', '--no-bail', 'test', '--reporter=json', `--outputFile=${RESULTS}`] }],
  // `typecheck:all` (`pnpm -r typecheck`: tsgo or tsc per package), one package at a time so each
  // one's file names can be read relative to it.
  typechecks: (packages) =>
    packages
      .filter((p) => p.scripts.typecheck)
      .map((p) => ({ label: `typecheck ${p.dir || '.'}`, dir: p.dir, file: 'pnpm', args: ['run', 'typecheck', '--pretty', 'false'] })),
};

const anthropic: Project = {
  id: 'anthropic',
  title: 'the Anthropic TypeScript SDK',
  archive: 'anthropic-sdk-typescript.tar.gz',
  folder: 'anthropic-sdk-typescript',
  migrates: (dir) => dir === '' || dir.startsWith('packages/'),
  // The packages' tests import the SDK as a package, from its dist/.
  build: [{ label: 'scripts/build', dir: '', file: 'scripts/build', args: [] }],
  // What scripts/test runs once its mock server is up: the root's jest, then each package's.
  tests: [
    { label: 'jest', dir: '', file: 'node_modules/.bin/jest', args: ['--ci', '--json', `--outputFile=${RESULTS}`] },
    { label: "the packages' jest", dir: '', file: 'pnpm', args: ['-r', '--no-bail', '--filter', './packages/**', 'test', '--ci', '--json', `--outputFile=${RESULTS}`] },
  ],
  // scripts/lint's `tsc` over the root's src, tests and examples, and each package's tsconfig the same way.
  typechecks: (packages) =>
    packages.map((p) => ({
      label: `typecheck ${p.dir || '.'}`,
      dir: p.dir,
      file: 'node_modules/typescript/bin/tsc',
      args: ['--noEmit', '--pretty', 'false', '-p', '.'],
    })),
  service: refusingApi,
};

export const projects = { mcp, anthropic };

/**
 * The tests under tests/api-resources call a mock API server (Stainless' `steady`, started by
 * scripts/test from an OpenAPI spec online) that can't run here, so they fail in the baseline.
 * With no server at all each of them retries with back-off for over a second: 221 of them made
 * the root's jest take 315 s instead of 39 s. This server answers every request at once with a
 * 503 the SDK is told not to retry (`x-should-retry: false`). Measured on the baseline: the same
 * tests fail and pass, id for id, as with no server.
 */
async function refusingApi(): Promise<Service> {
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(503, { 'content-type': 'application/json', 'x-should-retry': 'false' });
    response.end('{"type":"error","error":{"type":"api_error","message":"no mock server in the taskscope e2e run"}}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    env: { TEST_API_BASE_URL: `http://127.0.0.1:${port}` },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
